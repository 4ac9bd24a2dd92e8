"""Claims/s of the write path alone: batched `write_articles` against one transaction per claim.

usage: python -m bench.write_speed [--articles N] [--batch-sizes 50,200,1000] [--writers 1,2] [--seed S]

The articles and their extractions come from `bench.make_corpus` (no spaCy), so only the
graph is measured. Every mode runs in the same process on the same data, each against a
fresh embedded Neo4j (new data folder, schema migrated and online), and must leave the same
graph. Before the clock starts, each mode's Neo4j takes a warm-up corpus (another seed, 5,000
articles) through the batched path, so query planning and JIT compilation are not timed: the JVM
keeps compiling Neo4j's code for the first few thousand articles (with 1,000, its compiler still
took a core for most of the timed run), and an ingest of 100,000 articles runs warm. Besides wall-clock
claims/s the bench reports the CPU seconds of the Neo4j JVM and of this process, which stay
meaningful when other work shares the machine.

- per-claim: each claim is its own transaction (`session.execute_write`) running the same
  queries as the batched path with one row (`graph.write.add_claims_tx`); an
  article's node, entities and mentions go in one transaction before its first claim. Only
  the transaction size differs from the batched path.
- batched B: `graph.write.write_articles(driver, graphs, batch_size=B)`, one transaction per
  B whole articles with one UNWIND per row kind, the next batch's rows built in a worker thread
  while Neo4j writes the batch before.
- batched B xW: the batches split over W concurrent writers, to show what parallel writes to
  hub entities cost (lock waits, deadlocks retried by the driver).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from bench.fresh_neo4j import DATABASE, fresh_neo4j
from bench.make_corpus import generate
from graph import cypher
from graph.batch_rows import Nodes, Rows, claim_changes
from graph.build import build_article_graph, claim_rows, entity_rows, mention_rows
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.model import ArticleGraph
from graph.write import add_claims_tx, create_nodes_tx, write_articles, write_batch_tx


@dataclass
class Result:
    """One mode's run: what it wrote, how long it took, and the graph it left."""

    mode: str
    claims: int
    seconds: float
    transactions: int
    attempts: int
    counts: dict[str, int]
    server_cpu: float  # CPU seconds of the Neo4j JVM while timed
    client_cpu: float  # CPU seconds of this process while timed

    @property
    def rate(self) -> float:
        return self.claims / self.seconds


async def write_per_claim(driver: AsyncDriver, graphs: Sequence[ArticleGraph]) -> tuple[int, int]:
    """Write every claim in a transaction of its own; return (transactions, attempts)."""
    transactions = attempts = 0

    async def article_tx(tx: AsyncManagedTransaction, graph: ArticleGraph) -> Nodes:
        nonlocal attempts
        attempts += 1
        nodes = await create_nodes_tx(tx, Rows([dict(graph.article)]), Rows(entity_rows([graph])))
        mentions = mention_rows([graph])
        if mentions:
            await tx.run(cypher.CREATE_MENTIONS, rows=mentions, articles=nodes.articles, entities=nodes.entities)
        return nodes

    async def claim_tx(tx: AsyncManagedTransaction, row: dict[str, Any], nodes: Nodes) -> None:
        nonlocal attempts
        attempts += 1
        await add_claims_tx(tx, claim_changes([row]), nodes)

    async with driver.session(database=DATABASE) as session:
        for graph in graphs:
            # The claims' transactions find the article and its entities by the element ids this one returns.
            nodes = await session.execute_write(article_tx, graph)
            transactions += 1
            for row in claim_rows([graph]):
                await session.execute_write(claim_tx, row, nodes)
                transactions += 1
    return transactions, attempts


async def write_batched(
    driver: AsyncDriver, graphs: Sequence[ArticleGraph], batch_size: int, writers: int
) -> tuple[int, int]:
    """Write with `write_articles`, or with `writers` concurrent tasks sharing the batches;
    return (transactions, attempts)."""
    batches = [list(graphs[i : i + batch_size]) for i in range(0, len(graphs), batch_size)]
    if writers == 1:
        await write_articles(driver, graphs, DATABASE, batch_size)
        return len(batches), len(batches)
    attempts = 0

    async def counted(tx: AsyncManagedTransaction, batch: list[ArticleGraph]) -> object:
        nonlocal attempts
        attempts += 1
        return await write_batch_tx(tx, batch)

    async def writer(mine: list[list[ArticleGraph]]) -> None:
        async with driver.session(database=DATABASE) as session:
            for batch in mine:
                await session.execute_write(counted, batch)

    await asyncio.gather(*(writer(batches[w::writers]) for w in range(writers)))
    return len(batches), attempts


async def counts(driver: AsyncDriver) -> dict[str, int]:
    records, _, _ = await driver.execute_query(cypher.COUNT_GRAPH, database_=DATABASE)
    return dict(records[0])


def process_cpu(pid: int) -> float:
    """Return the CPU seconds (user + system) process `pid` has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Job = Callable[[AsyncDriver, Sequence[ArticleGraph]], Awaitable[tuple[int, int]]]


def run_fresh(
    mode: str, warmup: Sequence[ArticleGraph], graphs: Sequence[ArticleGraph], job: Job, heap: str, pagecache: str
) -> Result:
    """Write the warm-up graphs in batches, then run `job` timed on `graphs`, against a new embedded Neo4j."""
    with fresh_neo4j(heap, pagecache) as instance:

        async def go() -> Result:
            driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
            try:
                if warmup:
                    await write_articles(driver, warmup, DATABASE, 200)
                server, client = process_cpu(instance.pid), time.process_time()
                started = time.perf_counter()
                transactions, attempts = await job(driver, graphs)
                seconds = time.perf_counter() - started
                server, client = process_cpu(instance.pid) - server, time.process_time() - client
                claims = sum(len(g.claims) for g in graphs)
                return Result(
                    mode, claims, seconds, transactions, attempts, await counts(driver), server, client
                )
            finally:
                await driver.close()

        return asyncio.run(go())


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """Add the options the write benches share: the corpus seed, the warm-up and each Neo4j's memory."""
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=5000, help="Untimed warm-up articles (seed + 1000).")
    parser.add_argument("--heap", default="1g", help="JVM heap of each Neo4j.")
    parser.add_argument("--pagecache", default="512m", help="Page cache of each Neo4j.")


def corpus_graphs(args: argparse.Namespace) -> tuple[list[ArticleGraph], list[ArticleGraph]]:
    """Build the launcher if needed; return the graphs of `args.articles` synthetic articles and of
    `args.warmup` others (seed + 1000)."""
    launcher.build_launcher()
    graphs = [build_article_graph(a, x) for a, x in generate(args.articles, args.seed)]
    warmup = [build_article_graph(a, x) for a, x in generate(args.warmup, args.seed + 1000)] if args.warmup else []
    return graphs, warmup


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000, help="Synthetic articles to write in every mode.")
    parser.add_argument("--batch-sizes", default="50,200,1000", help="Comma-separated batch sizes (articles).")
    parser.add_argument("--writers", default="1", help="Comma-separated writer counts for the batched runs.")
    parser.add_argument("--skip-per-claim", action="store_true", help="Only the batched runs.")
    add_corpus_options(parser)
    args = parser.parse_args(argv)
    graphs, warmup = corpus_graphs(args)
    claims = sum(len(g.claims) for g in graphs)
    print(
        f"{len(graphs)} articles, {claims} claims, seed {args.seed}, {len(warmup)} warm-up articles; "
        f"heap {args.heap}, page cache {args.pagecache}; load average {os.getloadavg()[0]:.1f}"
    )

    results = []

    def measure(mode: str, job: Job) -> None:
        results.append(run_fresh(mode, warmup, graphs, job, args.heap, args.pagecache))
        print(f"  {mode:<16} {results[-1].rate:9.0f} claims/s", flush=True)

    if not args.skip_per_claim:
        measure("per-claim", write_per_claim)
    for writers in (int(w) for w in args.writers.split(",")):
        for size in (int(s) for s in args.batch_sizes.split(",")):
            mode = f"batched {size}" + (f" x{writers}" if writers > 1 else "")
            measure(mode, lambda d, g, size=size, writers=writers: write_batched(d, g, size, writers))

    base = results[0].rate if not args.skip_per_claim else None
    print(
        f"\n{'mode':<16} {'claims/s':>9} {'seconds':>8} {'neo4j cpu':>9} {'claims/cpu-s':>12} {'py cpu':>7} "
        f"{'tx':>6} {'retries':>7} {'vs per-claim':>12}"
    )
    for r in results:
        ratio = f"{r.rate / base:11.1f}x" if base else "           -"
        print(
            f"{r.mode:<16} {r.rate:9.0f} {r.seconds:8.1f} {r.server_cpu:9.1f} {r.claims / r.server_cpu:12.0f} "
            f"{r.client_cpu:7.1f} {r.transactions:6d} {r.attempts - r.transactions:7d} {ratio}"
        )
    print(f"graph after each mode: {results[0].counts}; load average {os.getloadavg()[0]:.1f}")
    if len({tuple(sorted(r.counts.items())) for r in results}) != 1:
        sys.exit("the modes left different graphs")


if __name__ == "__main__":
    main(sys.argv[1:])
