"""Feed ingest speed: items/s polled and ingested from a local feed, and the share of time per stage.

usage: python -m bench.feed_ingest [--items 1000] [--seed S]

A loopback news site (the sources tests' server) serves an RSS feed of --items links to HTML pages
made from `bench.make_corpus` articles (our own templates). One `SourceWatcher` polls it once into a
fresh embedded Neo4j, through the code path of `racegraph watch --once`; host_delay is 0, as the
site is ours. Reported: items/s end to end, items/s polled (fetch + text extraction, before NLP), and
the seconds and share of the run in each stage: fetch (HTTP requests: robots.txt, feed, pages), text
(trafilatura, htmldate, language), nlp (spaCy: `Racegraph.ingest` less its writes) and write (Neo4j
transactions).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, ParamSpec, TypeVar

import app.service
import app.sources.items as items
from app.service import Racegraph
from app.settings import Settings
from app.sources import registry
from app.sources.fetch import Fetcher
from app.sources.watch import PollReport, SourceWatcher
from bench.fresh_neo4j import fresh_neo4j
from bench.make_corpus import generate
from tests.app.sources.news_site import NewsSite, Route, news_site, rss_feed

P = ParamSpec("P")
T = TypeVar("T")

spent: Counter[str] = Counter()  # seconds per stage
marks: dict[str, float] = {}  # perf_counter when the run started and when the first ingest began


def timed_async(stage: str, fn: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        started = time.perf_counter()
        marks.setdefault(stage, started)
        try:
            return await fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    return wrapper


def timed(stage: str, fn: Callable[P, T]) -> Callable[P, T]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    return wrapper


def serve_corpus(site: NewsSite, count: int, seed: int) -> None:
    """Serve `count` corpus articles as HTML pages and an RSS feed linking to them."""
    links = []
    for n, (article, _) in enumerate(generate(count, seed)):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n") if p.strip())
        title = escape(article.title or f"Article {n}")
        day = article.published.isoformat() if article.published else "2025-01-01"
        site.routes[f"/a/{n}.html"] = Route(body=(
            f"<html lang='en'><head><title>{title}</title><meta property='article:published_time' content='{day}'>"
            f"</head><body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
        ).encode())
        links.append(site.url(f"/a/{n}.html"))
    site.routes["/feed.xml"] = Route(body=rss_feed(site, links), content_type="application/rss+xml")


def run(count: int, seed: int) -> tuple[PollReport, float]:
    with fresh_neo4j("1g", "256m") as neo4j, news_site() as site:
        serve_corpus(site, count, seed)
        settings = Settings(
            environment="test", neo4j_uri=neo4j.uri, neo4j_password=neo4j.password, host_delay=0.0,
            max_feed_items=count, db_timeout=120.0, fetch_max_bytes=10_000_000,
            _env_file=None,  # type: ignore[call-arg]
        )

        async def go() -> tuple[PollReport, float]:
            service = Racegraph(settings)
            try:
                service.nlp  # noqa: B018 - load spaCy before the clock starts
                await registry.add_source(service, site.url("/feed.xml"), every="1h")
                started = marks["start"] = time.perf_counter()
                [report] = await SourceWatcher(service, "bench").poll_sources(due_only=False)
                return report, time.perf_counter() - started
            finally:
                await service.close()

        originals: dict[tuple[Any, str], Any] = {}
        patches = {
            # _read runs one request at a time per host (the gate), so its times never overlap.
            (Fetcher, "_read"): timed_async("fetch", Fetcher._read),
            (items, "extract_page"): timed("text", items.extract_page),
            (items, "detect_language"): timed("text", items.detect_language),
            (app.service.Racegraph, "ingest"): timed_async("ingest", app.service.Racegraph.ingest),
            (app.service, "write_articles"): timed_async("write", app.service.write_articles),
        }
        for (owner, name), wrapper in patches.items():  # bench instrumentation: time each stage
            originals[(owner, name)] = getattr(owner, name)
            setattr(owner, name, wrapper)
        try:
            return asyncio.run(go())
        finally:
            for (owner, name), original in originals.items():
                setattr(owner, name, original)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    report, seconds = run(args.items, args.seed)
    stages = {
        "fetch": spent["fetch"],
        "text": spent["text"],
        "nlp": spent["ingest"] - spent["write"],
        "write": spent["write"],
    }
    print(f"items in the feed: {report.seen}, ingested: {len(report.ingested)}, skipped: {dict(report.skipped)}")
    print(f"end to end: {seconds:.1f} s, {len(report.ingested) / seconds:.1f} items/s ingested")
    polled = marks["ingest"] - marks["start"]
    print(f"polled (feed and pages fetched, text extracted, before NLP): {report.seen / polled:.1f} items/s")
    for stage, value in stages.items():
        print(f"  {stage:6} {value:7.1f} s  {100 * value / seconds:5.1f} %")
    rest = seconds - sum(stages.values())
    print(f"  {'other':6} {rest:7.1f} s  {100 * rest / seconds:5.1f} %  (Neo4j look-ups, linking, waits; text")
    print("         extraction runs in a thread while the next page is fetched, so the stages may overlap)")


if __name__ == "__main__":
    main()
