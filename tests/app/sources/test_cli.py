"""`racegraph sources`, `watch` and `ingest URL`: the acceptance path of issue 15 against the loopback news
site, two watcher processes at once, and clear errors with exit codes for bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from app.cli import cli
from tests.app.sources.news_site import QUICK, NewsSite, Route, rss_feed, story_page

pytestmark = pytest.mark.integration

runner = CliRunner()


@pytest.fixture
def watch_env(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI against the test Neo4j, with the quick fetch settings."""
    for name, value in QUICK.items():
        monkeypatch.setenv(f"RACEGRAPH_{name.upper()}", str(value))
    return cli_env


def article_urls(db: Driver) -> list[str]:
    records, _, _ = db.execute_query("MATCH (a:Article) RETURN a.url AS url ORDER BY url")
    return [r["url"] for r in records]


def invoke(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_feed_of_50_items_is_ingested_by_one_watch_and_the_next_gets_304(
    watch_env: Path, site: NewsSite, db: Driver
):
    paths = site.add_stories(50)
    site.routes["/feed.xml"] = Route(
        body=rss_feed(site, [site.url(p) for p in paths]), content_type="application/rss+xml", etag='"50"'
    )
    added = invoke("sources", "add", site.url("/feed.xml"), "--name", "Test Wire", "--every", "15m")
    first = invoke("watch", "--once")
    second = invoke("watch", "--once")
    listed = invoke("sources", "list")

    assert "added source" in added and site.url("/feed.xml") in added
    assert "1 source(s) polled, 50 article(s) ingested" in first
    assert "1 source(s) polled, 0 article(s) ingested" in second and "not_modified" in second
    assert [h.status for h in site.hits_of("/feed.xml")] == [200, 304]
    assert article_urls(db) == sorted(site.url(p) for p in paths)
    assert "Test Wire" in listed and "status: not_modified, items seen: 50, ingested: 50, skipped: none" in listed


def test_two_watcher_processes_at_once_store_each_article_once(watch_env: Path, site: NewsSite, db: Driver):
    paths = site.add_stories(12)
    site.routes["/feed.xml"] = Route(body=rss_feed(site, [site.url(p) for p in paths]), etag='"12"')
    site.routes["/other.xml"] = Route(body=rss_feed(site, [site.url(p) for p in reversed(paths)]))
    invoke("sources", "add", site.url("/feed.xml"))
    invoke("sources", "add", site.url("/other.xml"))  # the same stories, through a second source
    racegraph = Path(sys.executable).parent / "racegraph"
    watchers = [
        subprocess.Popen([racegraph, "watch", "--once"], env=dict(os.environ), cwd=watch_env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=540)[0] for w in watchers]
    assert [w.returncode for w in watchers] == [0, 0], outputs
    records, _, _ = db.execute_query(
        "MATCH (a:Article) RETURN a.url AS url, count{ (a)-[:FROM]->() } AS sources ORDER BY url"
    )
    assert [r["url"] for r in records] == sorted(site.url(p) for p in paths)  # each once
    assert {r["sources"] for r in records} == {2}
    assert all(len(site.hits_of(p)) <= 2 for p in paths)


def test_ingest_fetches_pages_once_and_reports_the_ones_it_could_not_read(
    watch_env: Path, site: NewsSite, db: Driver
):
    site.routes["/a.html"] = Route(body=story_page(5).encode())
    site.routes["/gone.html"] = Route(status=404)
    result = runner.invoke(cli, ["ingest", site.url("/a.html") + "?utm_campaign=x", site.url("/gone.html")])
    assert result.exit_code == 0, result.output
    assert "http_error: 404" in " ".join(result.output.split())
    assert article_urls(db) == [site.url("/a.html")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sources", "add", "ftp://news.example/feed.xml"], "is not an http(s) URL"),
        (["sources", "add", "http://news.example/feed.xml", "--every", "often"], "is not an interval like"),
        (["sources", "add", "http://news.example/feed.xml", "--every", "10s"], "at most every minute"),
        (["sources", "add", "http://news.example/feed.xml", "--language", "fr"], "the pipeline reads only en"),
        (["ingest", "ftp://news.example/a.html"], "only http:// and https:// pages can be fetched"),
    ],
    ids=["scheme", "interval", "too-often", "language", "ingest-scheme"],
)
def test_bad_input_is_one_clear_line_and_exit_code_2(watch_env: Path, args: list[str], message: str):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_a_source_is_added_once_and_removed_by_url(watch_env: Path, db: Driver):
    invoke("sources", "add", "http://news.example/feed.xml?utm_source=x")
    again = runner.invoke(cli, ["sources", "add", "http://NEWS.example/feed.xml"])
    removed = invoke("sources", "remove", "http://news.example/feed.xml")
    missing = runner.invoke(cli, ["sources", "remove", "http://news.example/feed.xml"])
    assert again.exit_code == 2 and "is a source already" in again.output
    assert removed.startswith("removed source")
    assert missing.exit_code == 3 and "no source with id or URL" in missing.output
