"""A watcher against a Neo4j of the test's own, stopped in the middle of a poll: the poll fails with
DatabaseUnavailable (what `watch_forever` logs and outlives), stores nothing, and once Neo4j is back a
later poll of the same watcher ingests every item."""

from __future__ import annotations

import asyncio

import pytest

from app.service import Racegraph
from app.settings import Settings
from app.sources import registry
from app.sources.watch import PollReport, SourceWatcher
from graph.connect import open_driver
from graph.errors import DatabaseUnavailable
from graph.launcher import launcher
from tests.app.sources.news_site import QUICK, NewsSite, Route, rss_feed

pytestmark = pytest.mark.integration


async def poll_until_a_report(watcher: SourceWatcher, tries: int = 120) -> list[PollReport]:
    """Poll the due sources until one is polled: the failed poll's lease has to end first."""
    for _ in range(tries):
        reports = await watcher.poll_sources()
        if reports:
            return reports
        await asyncio.sleep(0.5)
    raise AssertionError("no source became pollable again")


def stored_articles(instance: launcher.Neo4jInstance) -> list[tuple[str, int]]:
    with open_driver(instance.uri, launcher.USER, instance.password) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (a:Article) RETURN a.url AS url, size(a.text) AS length ORDER BY url"
        )
    return [(r["url"], r["length"]) for r in records]


def test_neo4j_stopped_mid_poll_fails_the_poll_cleanly_and_the_next_poll_ingests_everything(
    own_neo4j: launcher.Neo4jInstance, site: NewsSite
):
    instance = own_neo4j
    settings = Settings(
        environment="test", neo4j_uri=instance.uri, neo4j_password=instance.password, db_timeout=5,
        source_lease_seconds=1, _env_file=None, **{**QUICK, "fetch_timeout": 120.0},
    )
    paths = site.add_stories(3)
    feed = rss_feed(site, [site.url(p) for p in paths])
    site.routes["/feed.xml"] = Route(body=feed, content_type="application/rss+xml")
    stopped: list[bool] = []

    def stop_neo4j() -> None:  # on the first page read: after the feed, before any article is written
        if not stopped:
            launcher.stop(instance.data_dir)
            stopped.append(True)

    site.routes[paths[0]].on_hit = stop_neo4j

    async def go() -> tuple[list[PollReport], list[tuple[str, int]]]:
        service = Racegraph(settings)
        try:
            await registry.add_source(service, site.url("/feed.xml"), name="Test Wire")
            watcher = SourceWatcher(service, "watcher-1")
            with pytest.raises(DatabaseUnavailable):
                await watcher.poll_sources(due_only=False)
            assert stopped
            launcher.start(instance.data_dir, bolt_port=instance.bolt_port, heap="384m", pagecache="64m")
            nothing = stored_articles(instance)
            return await poll_until_a_report(watcher), nothing
        finally:
            await service.close()

    reports, before = asyncio.run(go())

    assert before == []  # no partial article from the failed poll
    [report] = reports
    assert (report.status, report.seen, len(report.ingested), dict(report.skipped)) == ("ok", 3, 3, {})
    after = stored_articles(instance)
    assert [url for url, _ in after] == sorted(site.url(p) for p in paths)
    assert all(length > 0 for _, length in after)
    assert [h.status for h in site.hits_of(paths[0])] == [200, 200]  # read again: nothing was kept of it
