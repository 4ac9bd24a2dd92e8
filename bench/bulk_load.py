"""Claims/s of a first load through neo4j-admin import (`racegraph bulk-load`'s path) against the
transactional batched path, on the same synthetic articles, extraction excluded.

usage: python -m bench.bulk_load [--articles N] [--batch-size B] [--seed S] [--warmup W]

The articles and their extractions come from `bench.make_corpus` (no spaCy), as in `bench.write_speed`.
- bulk: the CSV files written batch by batch (`graph.bulk_csv`), `neo4j-admin database import full`
  into a new data folder, then the embedded Neo4j started on it (timed apart: any path needs a
  running Neo4j, and the transactional one's start is not timed either), the schema migrated with its
  indexes online, and the strongest-edge lists built (`graph.bulk_import.finish_import`).
- transactional: `graph.write.write_articles` in batches of B into a fresh Neo4j with the schema
  migrated, warmed up first with another corpus (as `bench.write_speed`: its best case), which is
  then deleted, so that both paths load the same rows into an empty graph.
Both must leave the same counts of articles, entities, claims, edges and strongest-edge lists.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.fresh_neo4j import DATABASE, fresh_neo4j
from bench.write_speed import add_corpus_options, corpus_graphs, process_cpu
from graph import cypher
from graph.bulk_csv import CsvWriter
from graph.bulk_import import finish_import, import_csv
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.model import ArticleGraph
from graph.write import STRONGEST_PER_TYPE, write_articles

# Bench-only queries, kept here as bench.fresh_neo4j keeps its own.
# -> how many entities keep a list of their strongest edges.
COUNT_STRONGEST = "MATCH (e:Entity)-[:STRONGEST]->(e) RETURN count(e) AS lists"
# -> nothing; empties the warmed-up graph (the applied migrations stay). Needs a session's own transactions.
DELETE_WARMUP = "MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"


async def graph_figures(uri: str, auth: tuple[str, str]) -> dict[str, int]:
    """Return the graph's counts plus its strongest-edge lists."""
    driver = open_async_driver(uri, *auth, timeout=120.0)
    try:
        records, _, _ = await driver.execute_query(cypher.COUNT_GRAPH, database_=DATABASE)
        lists, _, _ = await driver.execute_query(COUNT_STRONGEST, database_=DATABASE)
        return {**dict(records[0]), "strongest_lists": lists[0]["lists"]}
    finally:
        await driver.close()


def children_cpu() -> float:
    """Return the CPU seconds (user + system) of this process's waited-for children: the import tool."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bulk(graphs: list[ArticleGraph], batch_size: int, heap: str, pagecache: str, memory: str) -> dict[str, float]:
    """Load `graphs` through the bulk path into a new data folder; return the seconds of each phase, the
    CPU seconds of the timed phases (this process, the import tool, the Neo4j JVM while finishing) and
    the graph's figures."""
    work = Path(tempfile.mkdtemp(prefix="racegraph-bulk-bench-"))
    data_dir = work / "data"
    try:
        started, client = time.perf_counter(), time.process_time()
        with CsvWriter(work / "csv") as writer:
            for start in range(0, len(graphs), batch_size):
                batch = graphs[start : start + batch_size]
                writer.add_batch(writer.fold.admit(batch).kept)
            files = writer.close()
        phases = {"csv": time.perf_counter() - started}
        tool = children_cpu()
        phases["import"] = import_csv(data_dir, files, DATABASE, memory=memory)
        phases["import_cpu"] = children_cpu() - tool
        started = time.perf_counter()
        instance = launcher.start(data_dir, bolt_port=launcher.free_port(), heap=heap, pagecache=pagecache)
        phases["start"] = time.perf_counter() - started
        try:
            cpu = process_cpu(instance.pid)
            started = time.perf_counter()

            async def finish() -> None:
                driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
                try:
                    await finish_import(driver, DATABASE, writer.fold.crowded(STRONGEST_PER_TYPE))
                finally:
                    await driver.close()

            asyncio.run(finish())
            phases["finish"] = time.perf_counter() - started
            phases["finish_cpu"] = process_cpu(instance.pid) - cpu
            # This process's CPU from the CSV to the end of finishing, but for the untimed start.
            phases["client_cpu"] = time.process_time() - client
            figures = asyncio.run(graph_figures(instance.uri, instance.auth))
        finally:
            launcher.stop(data_dir)
        return {**phases, **figures}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def transactional(
    warmup: list[ArticleGraph], graphs: list[ArticleGraph], batch_size: int, heap: str, pagecache: str
) -> dict[str, float]:
    """Write `graphs` in batches into a fresh Neo4j warmed up with `warmup` (then emptied); return the
    seconds, the CPU seconds of the Neo4j JVM and the graph's figures."""
    with fresh_neo4j(heap, pagecache) as instance:

        async def go() -> dict[str, float]:
            driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
            try:
                if warmup:
                    await write_articles(driver, warmup, DATABASE, batch_size)
                    async with driver.session(database=DATABASE) as session:
                        await (await session.run(DELETE_WARMUP)).consume()
                cpu, client = process_cpu(instance.pid), time.process_time()
                started = time.perf_counter()
                await write_articles(driver, graphs, DATABASE, batch_size)
                return {"seconds": time.perf_counter() - started, "cpu": process_cpu(instance.pid) - cpu,
                        "client_cpu": time.process_time() - client}
            finally:
                await driver.close()

        timed = asyncio.run(go())
        return {**timed, **asyncio.run(graph_figures(instance.uri, instance.auth))}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="Synthetic articles loaded both ways.")
    parser.add_argument("--batch-size", type=int, default=200, help="Articles per transaction (and per CSV batch).")
    parser.add_argument("--import-memory", default="1g", help="Off-heap memory of neo4j-admin import.")
    add_corpus_options(parser)
    args = parser.parse_args(argv)
    graphs, warmup = corpus_graphs(args)
    claims = sum(len(g.claims) for g in graphs)
    print(f"{len(graphs)} articles, {claims} claims, seed {args.seed}; batch {args.batch_size}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    loaded = bulk(graphs, args.batch_size, args.heap, args.pagecache, args.import_memory)
    timed = loaded["csv"] + loaded["import"] + loaded["finish"]
    bulk_cpu = loaded["client_cpu"] + loaded["import_cpu"] + loaded["finish_cpu"]
    print(f"  bulk           {claims / timed:9.0f} claims/s, {claims / bulk_cpu:6.0f} per CPU-s  "
          f"(csv {loaded['csv']:.1f} s, import {loaded['import']:.1f} s, finish {loaded['finish']:.1f} s; "
          f"start {loaded['start']:.1f} s untimed; CPU: python {loaded['client_cpu']:.1f} s, "
          f"import {loaded['import_cpu']:.1f} s, neo4j {loaded['finish_cpu']:.1f} s); "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    tx = transactional(warmup, graphs, args.batch_size, args.heap, args.pagecache)
    tx_rate, tx_cpu = claims / tx["seconds"], tx["cpu"] + tx["client_cpu"]
    print(f"  transactional  {tx_rate:9.0f} claims/s, {claims / tx_cpu:6.0f} per CPU-s  ({tx['seconds']:.1f} s; "
          f"CPU: python {tx['client_cpu']:.1f} s, neo4j {tx['cpu']:.1f} s); "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    print(f"\nbulk / transactional: {claims / timed / tx_rate:.1f}x wall "
          f"({claims / (timed + loaded['start']) / tx_rate:.1f}x with the bulk store's start), "
          f"{tx_cpu / bulk_cpu:.1f}x per CPU-second")
    figures = ("articles", "entities", "claims", "relations", "strongest_lists")
    bulk_figures, tx_figures = ({k: int(run[k]) for k in figures} for run in (loaded, tx))
    print(f"graph after bulk: {bulk_figures}\ngraph after transactions: {tx_figures}")
    if bulk_figures != tx_figures:
        sys.exit("the two paths left different graphs")


if __name__ == "__main__":
    main(sys.argv[1:])
