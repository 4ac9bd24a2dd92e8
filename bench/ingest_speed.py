"""End-to-end ingest speed (spaCy + graph writes through `Racegraph.ingest`), how the write cost
grows with the graph, and the time to reach 100,000 articles extrapolated from measured points.

usage: python -m bench.ingest_speed [--articles 10000] [--workers 1,2] [--batch-size 200]
                                    [--grow 100000] [--seed S]

1. For each --workers value, a fresh embedded Neo4j ingests --articles synthetic articles
   (`bench.make_corpus`, our own templates) through `Racegraph.ingest`, the code path of
   `racegraph ingest`. Reported: articles/s at 1k, 2k, 5k, 10k... stored articles, and the
   seconds spent writing versus extracting.
2. --grow N: a fresh Neo4j takes N pre-extracted articles (no spaCy) through `write_articles`
   in batches of --batch-size; the write time per article is reported for each tenth of the
   way, so growth with graph size is measured rather than assumed, and a straight line
   (seconds per article = a + b * stored articles) is fitted to it.
3. The time to reach 100,000 articles: extraction at the measured end-to-end rate plus the
   writes, summed from the fitted line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import app.service
from app.service import Racegraph
from app.settings import Settings
from bench.fresh_neo4j import DATABASE, fresh_neo4j
from bench.make_corpus import generate
from graph.build import build_article_graph
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.write import WriteStats, write_articles

TARGET = 100_000


@dataclass
class Timeline:
    """Per-batch observations of one run."""

    started: float = field(default_factory=time.perf_counter)
    done: list[tuple[int, float]] = field(default_factory=list)  # (articles stored, seconds since start)
    writes: list[tuple[int, int, float]] = field(default_factory=list)  # (stored before, batch size, seconds)

    def rate_at(self, count: int) -> float | None:
        """Return the mean articles/s from the start until `count` articles were done, or None."""
        for done, seconds in self.done:
            if done >= count:
                return done / seconds
        return None


def end_to_end(uri: str, password: str, count: int, workers: int, batch_size: int, seed: int) -> tuple[Timeline, Any]:
    """Ingest `count` generated articles through `Racegraph.ingest`; return the timeline and report."""
    articles = [article for article, _ in generate(count, seed)]
    settings = Settings(
        environment="test", neo4j_uri=uri, neo4j_password=password, batch_size=batch_size, workers=workers,
        db_timeout=120.0,
        _env_file=None,  # type: ignore[call-arg]
    )
    timeline = Timeline()
    stored = 0

    async def timed_write(driver: Any, graphs: Sequence[Any], database: str, size: int = 50) -> WriteStats:
        started = time.perf_counter()
        stats = await write_articles(driver, graphs, database, size)
        timeline.writes.append((stored, len(graphs), time.perf_counter() - started))
        return stats

    def progress(n: int) -> None:
        nonlocal stored
        stored += n
        timeline.done.append((stored, time.perf_counter() - timeline.started))

    async def go() -> Any:
        service = Racegraph(settings)
        try:
            service.nlp  # noqa: B018 - load spaCy before the clock starts
            timeline.started = time.perf_counter()
            return await service.ingest(articles, workers=workers, batch_size=batch_size, progress=progress)
        finally:
            await service.close()

    original = app.service.write_articles
    app.service.write_articles = timed_write  # bench instrumentation: time each batch's write
    try:
        report = asyncio.run(go())
    finally:
        app.service.write_articles = original
    return timeline, report


def grow(uri: str, password: str, count: int, batch_size: int, seed: int) -> Timeline:
    """Write `count` pre-extracted articles batch by batch; return the per-batch write times."""
    timeline = Timeline()

    async def go() -> None:
        driver = open_async_driver(uri, "neo4j", password, timeout=120.0)
        stored = 0
        chunk: list[Any] = []
        try:
            for article, extraction in generate(count, seed):
                chunk.append(build_article_graph(article, extraction))
                if len(chunk) == batch_size:
                    started = time.perf_counter()
                    await write_articles(driver, chunk, DATABASE, batch_size)
                    timeline.writes.append((stored, len(chunk), time.perf_counter() - started))
                    stored += len(chunk)
                    timeline.done.append((stored, time.perf_counter() - timeline.started))
                    chunk = []
                    if stored % max(count // 20, batch_size) == 0:
                        rate = stored / timeline.done[-1][1]
                        print(f"    grow: {stored} articles, {rate:.0f} articles/s", flush=True)
            if chunk:
                await write_articles(driver, chunk, DATABASE, batch_size)
        finally:
            await driver.close()

    asyncio.run(go())
    return timeline


def per_article_by_tenth(timeline: Timeline, total: int) -> list[tuple[int, float]]:
    """Return (stored articles at the start of the tenth, median write ms per article) for each tenth."""
    rows = []
    for tenth in range(10):
        low, high = total * tenth // 10, total * (tenth + 1) // 10
        costs = [seconds / n for before, n, seconds in timeline.writes if low <= before < high]
        if costs:
            rows.append((low, 1000 * statistics.median(costs)))
    return rows


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Return (a, b) of the least-squares line y = a + b * x."""
    xs, ys = [float(x) for x, _ in points], [y for _, y in points]
    slope, intercept = statistics.linear_regression(xs, ys)
    return intercept, slope


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="Articles ingested end to end per run.")
    parser.add_argument("--workers", default="1,2", help="Comma-separated NLP process counts, one run each.")
    parser.add_argument("--batch-size", type=int, default=200, help="Articles per write transaction.")
    parser.add_argument("--grow", type=int, default=0, help="Also write this many pre-extracted articles.")
    parser.add_argument("--skip-end-to-end", action="store_true", help="Only the growth run.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="1g", help="JVM heap of each Neo4j.")
    parser.add_argument("--pagecache", default="512m", help="Page cache of each Neo4j.")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    launcher.build_launcher()
    print(f"load average at start {os.getloadavg()[0]:.1f}; batch size {args.batch_size}", flush=True)

    points = [p for p in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000) if p <= args.articles]
    extract_s: dict[int, float] = {}  # seconds of extraction per article, by workers
    growth: list[tuple[int, float]] = []
    for workers in () if args.skip_end_to_end else (int(w) for w in args.workers.split(",")):
        with fresh_neo4j(args.heap, args.pagecache) as neo4j:
            timeline, report = end_to_end(neo4j.uri, neo4j.password, args.articles, workers, args.batch_size, args.seed)
        seconds = timeline.done[-1][1]
        writing = sum(s for _, _, s in timeline.writes)
        extract_s[workers] = (seconds - writing) / args.articles
        at = "  ".join(f"{p // 1000}k: {timeline.rate_at(p) or 0:.1f}" for p in points)
        print(
            f"end to end, workers={workers}: {len(report.ingested)} articles, {report.claims} claims in "
            f"{seconds:.0f} s = {len(report.ingested) / seconds:.1f} articles/s (cumulative at {at}); "
            f"writing {writing:.0f} s ({100 * writing / seconds:.0f} %), extracting {seconds - writing:.0f} s; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        growth = per_article_by_tenth(timeline, args.articles)
        print("  write ms/article by stored articles: " + ", ".join(f"{n}: {ms:.2f}" for n, ms in growth), flush=True)

    if args.grow:
        with fresh_neo4j(args.heap, args.pagecache) as neo4j:
            timeline = grow(neo4j.uri, neo4j.password, args.grow, args.batch_size, args.seed + 1)
        seconds = timeline.done[-1][1]
        growth = per_article_by_tenth(timeline, args.grow)
        print(
            f"write only, {args.grow} pre-extracted articles: "
            f"{seconds:.0f} s ({args.grow / seconds:.0f} articles/s); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print("  write ms/article by stored articles: " + ", ".join(f"{n}: {ms:.2f}" for n, ms in growth))
    a, b = fit_line(growth[1:])  # ms per article = a + b * stored articles; the first tenth warms the JVM up
    if b < 0:  # no growth measurable over this range: take the cost as flat
        a, b = statistics.mean(ms for _, ms in growth[1:]), 0.0
    print(
        f"write cost fitted (first tenth left out): {a:.3f} ms + {b * 1000:.4f} ms per 1,000 stored articles, "
        "per article"
    )
    if not extract_s:
        return
    workers, per_article = min(extract_s.items(), key=lambda item: item[1])
    extraction = TARGET * per_article
    writes = (a * TARGET + b * TARGET * TARGET / 2) / 1000
    print(
        f"time to {TARGET:,} articles (workers={workers}): {(extraction + writes) / 3600:.2f} h = extraction "
        f"{extraction / 3600:.2f} h ({1 / per_article:.1f} articles/s) + writes {writes / 3600:.2f} h"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
