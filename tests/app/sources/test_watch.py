"""Polling sources against the loopback news site and the real Neo4j: new items ingested once, faults
counted on the source by reason, never a partial article, conditional GETs answered 304."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from app.service import Racegraph
from app.settings import Settings
from app.sources import registry
from app.sources.watch import PollReport, SourceWatcher
from tests.app.sources.news_site import NewsSite, Route, rss_feed, story_page

pytestmark = pytest.mark.integration

T = TypeVar("T")


def with_service(settings: Settings, job: Callable[[Racegraph], Awaitable[T]]) -> T:
    async def go() -> T:
        service = Racegraph(settings)
        try:
            return await job(service)
        finally:
            await service.close()

    return asyncio.run(go())


def poll_once(settings: Settings, name: str = "watcher-1") -> list[PollReport]:
    return with_service(settings, lambda s: SourceWatcher(s, name).poll_sources(due_only=False))


def add(settings: Settings, url: str) -> dict[str, Any]:
    return with_service(settings, lambda s: registry.add_source(s, url, name="Test Wire"))


def sources(settings: Settings) -> list[dict[str, Any]]:
    return with_service(settings, registry.list_sources)


def skip_counts(source: dict[str, Any]) -> dict[str, int]:
    return dict(zip(source["skip_reasons"], source["skip_counts"], strict=True))


def stored(db: Driver) -> list[dict[str, Any]]:
    records, _, _ = db.execute_query(
        "MATCH (a:Article) OPTIONAL MATCH (a)-[f:FROM]->(s:Source) "
        "RETURN a.url AS url, a.title AS title, a.text AS text, collect(f.url) AS from_urls ORDER BY url"
    )
    return [dict(r) for r in records]


def test_a_feed_is_ingested_once_and_polled_again_with_a_conditional_get(
    site: NewsSite, source_settings: Settings, db: Driver
):
    paths = site.add_stories(5)
    site.routes["/feed.xml"] = Route(
        body=rss_feed(site, [site.url(p) + "?utm_source=rss" for p in paths]), content_type="application/rss+xml",
        etag='"feed-v1"',
    )
    add(source_settings, site.url("/feed.xml"))
    [first] = poll_once(source_settings)
    [second] = poll_once(source_settings)

    assert (first.status, first.seen, len(first.ingested), dict(first.skipped)) == ("ok", 5, 5, {})
    assert (second.status, second.seen, second.ingested) == ("not_modified", 0, [])
    feed_hits = site.hits_of("/feed.xml")
    assert [h.status for h in feed_hits] == [200, 304]
    assert feed_hits[1].headers["if-none-match"] == '"feed-v1"'
    articles = stored(db)
    assert [a["url"] for a in articles] == sorted(site.url(p) for p in paths)  # canonical: no utm_source
    assert all(a["from_urls"] == [a["url"]] for a in articles)
    assert all(a["title"].startswith("Story ") for a in articles)
    [source] = sources(source_settings)
    assert (source["status"], source["items_seen"], source["ingested"], source["etag"]) == (
        "not_modified", 5, 5, '"feed-v1"'
    )
    assert source["polled_at"] is not None and source["lease_owner"] is None


def test_a_changed_feed_fetches_only_its_new_items(site: NewsSite, source_settings: Settings, db: Driver):
    paths = site.add_stories(4)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths[:2]]), etag='"v1"')
    add(source_settings, site.url("/feed.xml"))
    poll_once(source_settings)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths]), etag='"v2"')
    [report] = poll_once(source_settings)
    assert (len(report.ingested), report.skipped["already_stored"]) == (2, 2)
    assert all(len(site.hits_of(p)) == 1 for p in paths)
    assert len(stored(db)) == 4


def test_each_fault_is_a_counted_reason_on_the_source_and_only_whole_articles_are_stored(
    site: NewsSite, source_settings: Settings, db: Driver
):
    good = site.add_stories(2)
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    faults = {
        "/missing.html": Route(status=404),
        "/broken.html": Route(status=500),
        "/slow.html": Route(body=story_page(7).encode(), delay=3.0),
        "/cut.html": Route(body=story_page(8).encode(), truncate_to=200),
        "/report.pdf": Route(body=b"%PDF-1.4", content_type="application/pdf"),
        "/private/scoop.html": Route(body=story_page(9).encode()),
        "/loop.html": Route(status=302, headers={"Location": "/loop.html"}),
        "/huge.html": Route(stream=1_000_000),
        "/video.html": Route(body=b"<html><body><nav>Home</nav><div>Watch the video</div></body></html>"),
        "/fr.html": Route(body=(
            "<html lang='fr'><head><title>Puces</title></head><body><article><p>Les ministres du Japon et de "
            "l'Australie se sont réunis mardi pour parler des semi-conducteurs, de la recherche publique et "
            "des centres de données, selon un communiqué publié par les deux gouvernements.</p></article>"
            "</body></html>").encode()),
    }
    site.routes.update(faults)
    links = [site.url(p) for p in good] + [site.url(good[0]) + "#again", None, "mailto:desk@news.example"]
    links += [site.url(p) for p in faults]
    site.routes["/feed.xml"] = Route(body=rss_feed(site, links), content_type="application/rss+xml")
    add(source_settings, site.url("/feed.xml"))

    [report] = poll_once(source_settings)

    expected = {
        "duplicate_item": 1, "no_link": 1, "bad_link": 1, "http_error": 2, "timeout": 1, "truncated": 1,
        "wrong_content_type": 1, "robots_disallowed": 1, "redirect_loop": 1, "too_large": 1, "empty_text": 1,
        "not_english": 1,
    }
    assert (report.status, report.seen, len(report.ingested)) == ("ok", len(links), 2)
    assert dict(report.skipped) == expected
    [source] = sources(source_settings)
    assert skip_counts(source) == expected
    assert (source["items_seen"], source["ingested"], source["status"]) == (len(links), 2, "ok")
    assert [a["url"] for a in stored(db)] == sorted(site.url(p) for p in good)
    assert site.hits_of("/private/scoop.html") == []


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(body=b"{\"items\": []}", content_type="application/json"), "not_a_feed"),
        (Route(status=404), "http_error"),
        (Route(delay=3.0, body=b"<rss/>"), "timeout"),
    ],
    ids=["json", "404", "slow"],
)
def test_a_source_that_cannot_be_read_records_the_error_and_is_polled_again(
    site: NewsSite, source_settings: Settings, db: Driver, route: Route, reason: str
):
    site.routes["/feed.xml"] = route
    add(source_settings, site.url("/feed.xml"))
    poll_once(source_settings)
    [report] = poll_once(source_settings)
    assert report.status == "error" and report.last_error is not None and report.last_error.startswith(reason)
    [source] = sources(source_settings)
    assert (source["status"], skip_counts(source)) == ("error", {reason: 2})
    assert source["last_error"].startswith(reason) and source["lease_owner"] is None
    assert stored(db) == []


def test_a_page_source_is_one_article_and_its_new_text_replaces_the_old(
    site: NewsSite, source_settings: Settings, db: Driver
):
    site.routes["/live.html"] = Route(body=story_page(1).encode())
    add(source_settings, site.url("/live.html"))
    [first] = poll_once(source_settings)
    [same] = poll_once(source_settings)
    site.routes["/live.html"] = Route(body=story_page(2).encode())
    [changed] = poll_once(source_settings)
    assert (len(first.ingested), len(same.ingested), same.skipped["duplicate_text"], len(changed.ingested)) == (
        1, 0, 1, 1
    )
    [article] = stored(db)
    assert article["url"] == site.url("/live.html") and "Story 2" in article["title"]
    assert article["from_urls"] == [site.url("/live.html")]


def test_the_same_text_at_two_urls_is_one_article_with_both_urls(
    site: NewsSite, source_settings: Settings, db: Driver
):
    site.routes["/a.html"] = Route(body=story_page(3).encode())
    site.routes["/b.html"] = Route(body=story_page(3).encode())
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url("/a.html"), site.url("/b.html")]))
    add(source_settings, site.url("/feed.xml"))
    [report] = poll_once(source_settings)
    assert (len(report.ingested), report.skipped["duplicate_text"]) == (1, 1)
    [article] = stored(db)
    assert sorted(article["from_urls"]) == [site.url("/a.html"), site.url("/b.html")]


def test_a_feed_over_the_item_limit_reads_the_first_items_and_counts_the_rest(
    site: NewsSite, source_settings: Settings, db: Driver
):
    paths = site.add_stories(5)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths]))
    add(source_settings, site.url("/feed.xml"))
    [report] = poll_once(source_settings.model_copy(update={"max_feed_items": 3}))
    assert (report.seen, len(report.ingested), dict(report.skipped)) == (5, 3, {"over_item_limit": 2})
    assert [p for p in paths if site.hits_of(p)] == paths[:3]


def test_a_sitemap_source_ingests_its_pages(site: NewsSite, source_settings: Settings, db: Driver):
    paths = site.add_stories(3)
    urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>2025-06-05</lastmod></url>" for p in paths)
    site.routes["/sitemap.xml"] = Route(
        body=f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
        content_type="application/xml",
    )
    add(source_settings, site.url("/sitemap.xml"))
    [report] = poll_once(source_settings)
    assert (report.status, report.seen, len(report.ingested)) == ("ok", 3, 3)
    assert [a["url"] for a in stored(db)] == sorted(site.url(p) for p in paths)


def test_a_server_with_watching_polls_due_sources_in_its_lifespan_and_stops_cleanly(
    site: NewsSite, source_settings: Settings, db: Driver
):
    paths = site.add_stories(2)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths]))
    add(source_settings, site.url("/feed.xml"))
    watching = source_settings.model_copy(update={"watch_sources": True, "watch_interval": 0.2})
    with TestClient(create_app(watching)) as client:
        deadline = time.monotonic() + 300  # a wait for the background task, not a timing assertion
        while client.get("/sources.json").json()["sources"][0]["status"] == "new":
            assert time.monotonic() < deadline, "the server's watcher never polled the source"
            time.sleep(0.2)
        [source] = client.get("/sources.json").json()["sources"]
    assert (source["status"], source["ingested"]) == ("ok", 2)
    assert len(site.hits_of("/feed.xml")) == 1  # due again only in 15 minutes
    assert [a["url"] for a in stored(db)] == sorted(site.url(p) for p in paths)


def test_a_page_that_breaks_the_extractor_is_counted_and_the_others_are_stored(
    site: NewsSite, source_settings: Settings, db: Driver, monkeypatch: pytest.MonkeyPatch
):
    import app.sources.items

    paths = site.add_stories(3)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths]))
    real = app.sources.items.extract_page

    def breaks_on_the_second(html: bytes | str, url: str):  # stands for a library bug on one odd page
        if url.endswith("story-1.html"):
            raise RuntimeError("extractor bug")
        return real(html, url)

    monkeypatch.setattr(app.sources.items, "extract_page", breaks_on_the_second)
    add(source_settings, site.url("/feed.xml"))
    [report] = poll_once(source_settings)
    assert (report.status, len(report.ingested), dict(report.skipped)) == ("ok", 2, {"unreadable": 1})
    assert [a["url"] for a in stored(db)] == sorted(site.url(p) for p in (paths[0], paths[2]))


def test_a_poll_longer_than_the_lease_keeps_its_source_from_a_second_watcher(
    site: NewsSite, source_settings: Settings, db: Driver
):
    slow = "/news/slow.html"
    site.routes[slow] = Route(body=story_page(7).encode(), delay=7.5)  # two and a half leases long
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(slow)]), content_type="application/rss+xml")
    settings = source_settings.model_copy(update={"source_lease_seconds": 3.0, "fetch_timeout": 30.0})
    add(settings, site.url("/feed.xml"))

    async def race(service: Racegraph) -> tuple[list[PollReport], list[PollReport]]:
        first = asyncio.create_task(SourceWatcher(service, "watcher-1").poll_sources())
        second: list[PollReport] = []
        while not site.hits_of(slow):  # the first watcher holds the source once it reads the slow page
            await asyncio.sleep(0.05)
        while not first.done():  # the second watcher keeps trying meanwhile
            second += await SourceWatcher(service, "watcher-2").poll_sources()
            await asyncio.sleep(0.2)
        return await first, second

    first, second = with_service(settings, race)

    assert second == []
    assert [(r.status, len(r.ingested)) for r in first] == [("ok", 1)]
    assert [h.status for h in site.hits_of("/feed.xml")] == [200]
    [source] = sources(settings)
    assert source["lease_owner"] is None and source["ingested"] == 1  # the first watcher's poll was recorded
