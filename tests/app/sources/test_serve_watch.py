"""`racegraph serve --watch`: the server's own watcher polls a source added while it runs, and a claimAdded
subscription streams the claims of the article it fetched."""

from __future__ import annotations

import time
from html import escape

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from app.settings import Settings
from app.sources import registry
from tests.app.sources.news_site import NewsSite, Route, rss_feed

pytestmark = pytest.mark.integration

PROTOCOL = "graphql-transport-ws"
CLAIMS = {"query": "subscription { claimAdded { type evidence article { url } } }"}
PACT = [
    "Japan and Australia signed a defence pact in Tokyo on Tuesday, officials from both governments said.",
    "The two governments said the pact would take effect before the end of the year, after a vote in parliament.",
]


def pact_page() -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in PACT)
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Pact signed - Test Wire</title>"
        '<meta property="article:published_time" content="2025-06-03T09:00:00Z"></head><body>'
        f"<article><h1>Japan and Australia sign a pact</h1>{paragraphs}</article></body></html>"
    ).encode()


def stored_claims(db: Driver, url: str) -> list[tuple[str, str]]:
    records, _, _ = db.execute_query(
        "MATCH (c:Claim)-[:REPORTED_IN]->(:Article {url: $url}) RETURN c.type AS type, c.evidence AS evidence",
        url=url,
    )
    return sorted((r["type"], r["evidence"]) for r in records)


def test_the_servers_watcher_ingests_a_new_source_and_claim_added_streams_its_claims(
    site: NewsSite, source_settings: Settings, db: Driver
):
    site.routes["/news/pact.html"] = Route(body=pact_page())
    article_url = site.url("/news/pact.html")
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [article_url]), content_type="application/rss+xml")
    watching = {"watch_sources": True, "watch_interval": 0.2, "subscription_poll_seconds": 0.1}
    with TestClient(create_app(source_settings.model_copy(update=watching))) as client:
        with client.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as session:
            session.send_json({"type": "connection_init"})
            assert session.receive_json() == {"type": "connection_ack"}
            session.send_json({"id": "1", "type": "subscribe", "payload": CLAIMS})
            time.sleep(0.5)  # subscribed: claims from now on are streamed
            client.portal.call(registry.add_source, client.app.state.service, site.url("/feed.xml"))

            expected = stored_claims_when_ingested(db, article_url)
            received = []
            while len(received) < len(expected):
                message = session.receive_json()
                assert message["type"] == "next", message
                received.append(message["payload"]["data"]["claimAdded"])

    assert expected  # the page states a fact the pipeline finds
    assert sorted((c["type"], c["evidence"]) for c in received) == expected
    assert {c["article"]["url"] for c in received} == {article_url}


def stored_claims_when_ingested(db: Driver, url: str) -> list[tuple[str, str]]:
    """The article's claims once the watcher has stored it (an article is written in one transaction)."""
    for _ in range(600):
        records, _, _ = db.execute_query("MATCH (a:Article {url: $url}) RETURN a.id AS id", url=url)
        if records:
            return stored_claims(db, url)
        time.sleep(0.1)
    raise AssertionError(f"the watcher did not ingest {url}")
