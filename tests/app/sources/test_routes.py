"""The sources view and its JSON twin list each source with its state and skips by reason."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from app.service import Racegraph
from app.settings import Settings
from app.sources import registry
from graph import sources
from graph.sources import PollState

pytestmark = pytest.mark.integration


def test_the_sources_json_lists_each_source_with_its_poll_state(client: TestClient, settings: Settings):
    async def seed() -> str:
        service = Racegraph(settings)
        try:
            added = await registry.add_source(service, "http://news.example/feed.xml", name="Wire", every="1h")
            await sources.take_lease(service.driver, service.database, added["id"], "w1", 60, due_only=True)
            state = PollState(etag=None, last_modified=None, status="error", last_error="http_error: 500 from x",
                              seen=0, ingested=0, skip_reasons=["http_error"], skip_counts=[1])
            await sources.finish_poll(service.driver, service.database, added["id"], "w1", state)
            return str(added["id"])
        finally:
            await service.close()

    source_id = asyncio.run(seed())
    data = client.get("/sources.json").json()
    [listed] = data["sources"]
    assert {k: listed[k] for k in ("id", "name", "url", "every_seconds", "status", "skipped", "last_error")} == {
        "id": source_id, "name": "Wire", "url": "http://news.example/feed.xml", "every_seconds": 3600,
        "status": "error", "skipped": {"http_error": 1}, "last_error": "http_error: 500 from x",
    }
    assert data["links"] == {"html": "/sources", "json": "/sources.json"}
    page = client.get("/sources")
    assert page.status_code == 200 and "Wire" in page.text and "http_error: 1" in page.text


def test_the_sources_page_says_how_to_add_one_when_there_is_none(client: TestClient):
    page = client.get("/sources")
    assert page.status_code == 200 and "racegraph sources add URL" in page.text
    assert client.get("/sources.json").json()["sources"] == []
