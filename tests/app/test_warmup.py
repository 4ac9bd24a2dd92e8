"""The home page warmed when the server starts: its reads and blocs computed in the background, so that its
first visitor finds the blocs kept; a write drops them; a Neo4j that does not answer is waited for without
holding up the server."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.routes import home_views
from app.service import Racegraph
from app.settings import Settings
from app.warmup import RETRY_SECONDS
from graph.launcher import launcher
from nlp.records import RelType
from tests.seed import INDIA, JAPAN, Seeded, story

pytestmark = pytest.mark.integration


def warm_up_result(client: TestClient) -> bool:
    """What the app's warm-up returned, waited for on the app's event loop."""

    async def wait() -> bool:
        result: bool = await client.app.state.home_warm_up
        return result

    return client.portal.call(wait)


def test_a_server_warms_the_home_page_so_its_first_visitor_finds_the_blocs_ready(
    settings: Settings, seeded: Seeded, write_graphs
):
    # A page that waits no time for blocs not yet kept: only the warm-up can have made them ready.
    warming = settings.model_copy(update={"warm_at_start": True, "home_blocs_budget": 0.0})
    with TestClient(create_app(warming)) as client:
        assert warm_up_result(client) is True
        blocs = client.get("/index.json").json()["blocs"]
        assert blocs["ready"] is True
        assert [b["label"] for b in blocs["communities"]] == ["Australia, United States", "Japan, Jensen Huang"]
        assert "The blocs are being computed" not in client.get("/").text
        # A new article changes the graph version: the warmed blocs are not shown for the new graph.
        write_graphs([story(91, "Japan and India met in Delhi.", "2025-08-02",
                            [(RelType.MET_WITH, JAPAN, INDIA, "2025-08-02")])])
        assert client.get("/index.json").json()["blocs"] == {"ready": False, "communities": [], "links": []}


def test_the_next_server_over_the_same_graph_serves_the_warmed_page_without_reading_it_again(
    settings: Settings, seeded: Seeded, write_graphs, monkeypatch: pytest.MonkeyPatch
):
    with TestClient(create_app(settings.model_copy(update={"warm_at_start": True}))) as client:
        assert warm_up_result(client) is True
        page = client.get("/index.json").json()
    assert page["blocs"]["ready"] is True and page["counts"]["claims"] == 7
    # A server that cannot read the page, and waits no time for blocs: the page stored by the warm-up, whole.
    cold = settings.model_copy(update={"home_blocs_budget": 0.0})
    with monkeypatch.context() as patched:
        patched.setattr(home_views, "computed_home_data", unreadable)
        with TestClient(create_app(cold)) as client:
            assert client.get("/index.json").json() == page
            html = client.get("/").text
            assert "<li><strong>7</strong> claims</li>" in html and "The blocs are being computed" not in html
    # A new article: the stored page is of the graph before it.
    write_graphs([story(91, "Japan and India met in Delhi.", "2025-08-02",
                        [(RelType.MET_WITH, JAPAN, INDIA, "2025-08-02")])])
    with TestClient(create_app(cold)) as client:
        assert client.get("/index.json").json()["counts"]["claims"] == 8


async def unreadable(service: Racegraph, search: str | None) -> dict[str, Any]:
    raise RuntimeError("the home page's reads are not to be made in this test")


def test_while_neo4j_does_not_answer_the_warm_up_keeps_trying_and_the_server_serves():
    nobody = Settings(
        environment="test", neo4j_uri=f"bolt://127.0.0.1:{launcher.free_port()}", neo4j_password="unused",
        db_timeout=0.3, ready_timeout=0.3, anonymous_read=True, warm_at_start=True, _env_file=None,
    )
    with TestClient(create_app(nobody)) as client:
        warm_up = client.app.state.home_warm_up
        time.sleep(RETRY_SECONDS + 1)  # past its first failed attempt and the pause after it
        assert client.get("/health").json() == {"ok": True}
        assert client.get("/ready").status_code == 503
        assert not warm_up.done()
    assert warm_up.cancelled()
