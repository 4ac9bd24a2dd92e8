"""Warm GraphQL latency on a synthetic graph of >= 100,000 entities, against the same Cypher run
directly through the driver in the same run.

usage: python -m bench.graphql_latency [--articles 12000] [--entities 100000] [--runs 200] [--seed 1]
                                       [--data-dir DIR] [--json FILE]

The graph: `bench.make_corpus` articles (power-law cast, hubs first) make the core; a long tail
of people, companies and products, one claim each to a core entity drawn by popularity, brings
the entity count to `--entities`. Everything is written through `graph.write.write_articles`
into a separate embedded Neo4j (heap 2g, page cache 1g) in a temporary folder, stopped and
removed at the end. With --data-dir the folder is kept, and a later run (or bench/load_test.py)
with the same folder and parameters reuses the graph instead of writing it again.

Each query runs `--runs` times over different inputs after one warm-up pass over the same
inputs, sequentially: over HTTP against the server `racegraph serve` runs (`app.http_server.run_server`,
one worker, a process of its own) and, for the overhead figure, as the same GraphReader calls (the same
Cypher through the same async driver) without HTTP or GraphQL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver
from pydantic import SecretStr

from app.http_server import run_server
from app.settings import Settings
from bench.make_corpus import generate
from graph import cypher
from graph.build import build_article_graph
from graph.connect import open_async_driver, wait_until_ready
from graph.launcher import launcher
from graph.migrate import migrate
from graph.model import ArticleGraph
from graph.read import GraphReader, RelationFilter, SubgraphFilter
from graph.write import write_articles
from nlp.records import ArticleIn, Entity, Extraction, Kind, Mention, Relation, RelType, entity_id

DATABASE = "neo4j"
HEAP, PAGECACHE = "2g", "1g"
MARKER = "racegraph-bench-graph.json"
TAIL_PER_ARTICLE = 10
TARGET_ALLIANCE_EDGES = 1000
SYLLABLES = ("ka", "lo", "ven", "dra", "mir", "ta", "sel", "ro", "vi", "nor", "bel", "ash", "ko", "len", "ri",
             "sto", "mar", "den", "qui", "zan", "tor", "ell", "fa", "gru", "hal", "is", "jor", "lun", "pe", "sav")
TAIL_KINDS = ((Kind.PERSON, 0.5), (Kind.ORGANIZATION, 0.3), (Kind.PRODUCT, 0.2))


# --- the synthetic graph ---------------------------------------------------------


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words))


@dataclass
class Core:
    """What the make_corpus articles left: entities by kind, with how often each took part in a claim."""

    names: dict[str, str]  # id -> name
    weight: dict[Kind, Counter[str]]  # kind -> id -> claims


def _tail_article(index: int, tail: list[Entity], core: Core, rng: random.Random, picks: dict[Kind, Any]) -> tuple[
    ArticleIn, Extraction
]:
    """One article naming `tail` entities, each in one sentence with one claim to a popular core entity."""
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1094))
    text, relations, entities = "", [], {e.id: e for e in tail}
    for entity in tail:
        if entity.kind is Kind.PERSON and rng.random() < 0.5:
            other_kind, rel_type, forward, verb = Kind.PERSON, RelType.MET_WITH, True, "met"
        elif entity.kind is Kind.PERSON:
            other_kind, rel_type, forward, verb = Kind.ORGANIZATION, RelType.AFFILIATED_WITH, True, "joined"
        elif entity.kind is Kind.ORGANIZATION:
            other_kind, rel_type, forward, verb = Kind.COUNTRY, RelType.RESTRICTED, False, "restricted"
        else:
            other_kind, rel_type, forward, verb = Kind.ORGANIZATION, RelType.ANNOUNCED, False, "launched"
        other_id = picks[other_kind]()
        other = entities.setdefault(other_id, Entity(id=other_id, name=core.names[other_id], kind=other_kind))
        subject, obj = (entity, other) if forward else (other, entity)
        start = len(text) + (1 if text else 0)
        sentence = f"{subject.name} {verb} {obj.name} on {published.isoformat()}."
        text = f"{text} {sentence}" if text else sentence
        for who, offset in ((subject, start), (obj, start + len(subject.name) + len(verb) + 2)):
            who.mentions.append(Mention(start=offset, end=offset + len(who.name)))
        relations.append(Relation(
            type=rel_type, subject=subject.name, object=obj.name, subject_id=subject.id, object_id=obj.id,
            evidence=sentence, start=start, end=start + len(sentence), date=published.isoformat(),
            confidence=round(rng.uniform(0.6, 0.95), 2),
        ))
    key = f"tail-{index:07d}"
    article = ArticleIn(id=key, text=text, title=f"Tail report {index}", published=published,
                        url=f"https://tail.example/{key}", source="Tail Wire")
    return article, Extraction(id=key, entities=list(entities.values()), relations=relations,
                               extractor_version="synthetic-tail.v1")


def synthetic_graph(articles: int, entities: int, seed: int) -> Iterator[ArticleGraph]:
    """Yield the core articles of `bench.make_corpus`, then tail articles until the graph has `entities`."""
    core = Core(names={}, weight={kind: Counter() for kind in Kind})
    for article, extraction in generate(articles, seed):
        kinds = {e.id: e.kind for e in extraction.entities}
        for e in extraction.entities:
            core.names[e.id] = e.name
        for r in extraction.relations:
            core.weight[kinds[r.subject_id]][r.subject_id] += 1
            core.weight[kinds[r.object_id]][r.object_id] += 1
        yield build_article_graph(article, extraction)
    rng = random.Random(seed)

    def picker(kind: Kind) -> Callable[[], str]:
        ids, weights = zip(*core.weight[kind].items(), strict=True)
        return lambda: rng.choices(ids, weights)[0]

    picks = {kind: picker(kind) for kind in (Kind.PERSON, Kind.ORGANIZATION, Kind.COUNTRY)}
    taken = set(core.names) | set(core.names.values())
    missing = max(0, entities - len(core.names))
    tail: list[Entity] = []
    for number in range(missing):
        kind = rng.choices([k for k, _ in TAIL_KINDS], [w for _, w in TAIL_KINDS])[0]
        while True:
            name = _name(rng, 2) + (" Systems" if kind is Kind.ORGANIZATION else "") + (
                f" {rng.randint(2, 99)}" if kind is Kind.PRODUCT else "")
            entity = Entity(id=entity_id(kind, name), name=name, kind=kind)
            if name not in taken and entity.id not in taken:
                taken.update((name, entity.id))
                break
        tail.append(entity)
        if len(tail) == TAIL_PER_ARTICLE or number == missing - 1:
            yield build_article_graph(*_tail_article(number, tail, core, rng, picks))
            tail = []


async def write_graph(
    instance: launcher.Neo4jInstance, graphs: Iterator[ArticleGraph], batch_size: int = 200
) -> dict[str, int]:
    """Migrate, write every graph in batches, and return the graph's counts."""
    driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
    try:
        await wait_until_ready(driver, DATABASE)
        await migrate(driver, DATABASE)
        batch: list[ArticleGraph] = []
        written = 0
        started = time.monotonic()
        for graph in graphs:
            batch.append(graph)
            if len(batch) == batch_size * 5:
                await write_articles(driver, batch, DATABASE, batch_size)
                written += len(batch)
                batch = []
                print(f"  {written} articles written ({time.monotonic() - started:.0f} s)", file=sys.stderr)
        await write_articles(driver, batch, DATABASE, batch_size)
        records, _, _ = await driver.execute_query(cypher.COUNT_GRAPH, database_=DATABASE)
        return dict(records[0])
    finally:
        await driver.close()


@contextmanager
def bench_neo4j(
    data_dir: Path | None, articles: int, entities: int, seed: int
) -> Iterator[tuple[launcher.Neo4jInstance, dict[str, Any]]]:
    """Start a separate Neo4j, make sure it holds the synthetic graph, yield (the instance, graph facts);
    stop it after, and remove the folder unless one was given."""
    folder = data_dir or Path(tempfile.mkdtemp(prefix="racegraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {"articles": articles, "entities": entities, "seed": seed}
    marker = folder / MARKER
    instance = launcher.start(folder / "neo4j", bolt_port=launcher.free_port(), heap=HEAP, pagecache=PAGECACHE)
    try:
        facts = json.loads(marker.read_text()) if marker.exists() else {}
        if facts.get("parameters") != wanted:
            print(f"writing the synthetic graph into {folder} ...", file=sys.stderr)
            started = time.monotonic()
            counts = asyncio.run(write_graph(instance, synthetic_graph(articles, entities, seed)))
            facts = {"parameters": wanted, "counts": counts, "write_seconds": round(time.monotonic() - started)}
            marker.write_text(json.dumps(facts))
        yield instance, {**facts, "neo4j_pid": instance.pid}
    finally:
        launcher.stop(folder / "neo4j")
        if data_dir is None:
            shutil.rmtree(folder, ignore_errors=True)


def wait_for_graphql(url: str, alive: Callable[[], bool], what: str) -> None:
    """Return once the GraphQL server at `url` answers a query; raise when `alive()` turns false first or
    two minutes pass."""
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.post(url, json={"query": "{ stats { entities } }"}, timeout=30).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if not alive() or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.5)


@contextmanager
def api_server(instance: launcher.Neo4jInstance, workers: int = 1, warm_at_start: bool = False) -> Iterator[str]:
    """Run the server `racegraph serve` runs (`app.http_server.run_server`) against `instance` in `workers`
    processes of their own sharing a free loopback port; yield its /graphql URL. The home page's warm-up at
    start (`Settings.warm_at_start`) is off unless asked: it would run beside the benches' first requests."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    host, port = listener.getsockname()
    settings = Settings(
        neo4j_uri=instance.uri, neo4j_password=SecretStr(instance.password), anonymous_read=True, log_level="WARNING",
        environment="test", host=host, port=port, warm_at_start=warm_at_start,
    )
    # Processes of their own, as users run the server: the client's timing loop does not share its GIL.
    spawn = multiprocessing.get_context("spawn")
    servers = [spawn.Process(target=run_server, args=(settings, [listener])) for _ in range(workers)]
    url = f"http://{host}:{port}/graphql"
    try:
        for server in servers:
            server.start()
        listener.close()  # the workers have their own copies: only they listen (`bench.load_test.server_pids`)
        wait_for_graphql(url, lambda: all(server.is_alive() for server in servers), "the API server")
        yield url
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.join(30)
        listener.close()  # when a worker failed to start


# --- the queries -----------------------------------------------------------------

NEIGHBORS = """query($id: String!) { neighbors(id: $id, depth: 2, limit: 100) {
  truncated nodes { id name kind } edges { type subject { id } object { id } claimCount lastSeen } } }"""
PATH = """query($from: String!, $to: String!) { path(from: $from, to: $to, maxHops: 6, limit: 1) {
  length hops { type subject { id name } object { id name } claimCount } } }"""
SEARCH = """query($q: String!) { entities(search: $q, first: 10) { edges { node { id name kind } } } }"""
ALLIANCE = """query($seeds: [String!]!, $minClaims: Int!) {
  allianceSubgraph(seeds: $seeds, depth: 2, minClaims: $minClaims) }"""


@dataclass
class Case:
    """One query to time: its GraphQL form and the same reads through GraphReader."""

    name: str
    target: str
    query: str
    inputs: list[dict[str, Any]]
    direct: Callable[[GraphReader, dict[str, Any]], Awaitable[Any]]


async def _direct_neighbors(reader: GraphReader, v: dict[str, Any]) -> Any:
    # What `neighbors` asks of the service: resolve the id, then the capped breadth-first expansion.
    seed = await reader.entity(v["id"])
    where = SubgraphFilter(types=tuple(t.value for t in RelType))
    return await reader.subgraph([seed], 2, where, 100, 100, share_room=True)


async def _direct_path(reader: GraphReader, v: dict[str, Any]) -> Any:
    source, target = await reader.entity(v["from"]), await reader.entity(v["to"])
    assert source is not None and target is not None, "the bench graph holds every id it asks for"
    return await reader.shortest_paths(source.id, target.id, [t.value for t in RelType], None, None, 6, 1)


async def _direct_search(reader: GraphReader, v: dict[str, Any]) -> Any:
    return await reader.search_entities(v["q"], None, 0, 11)


async def _direct_alliance(reader: GraphReader, v: dict[str, Any]) -> Any:
    seeds = [await reader.entity_by_name(seed) for seed in v["seeds"]]
    where = SubgraphFilter(types=("ALLIED_WITH",), min_claims=v["minClaims"])
    return await reader.subgraph(seeds, 2, where, 2000, 200)


async def pick_inputs(reader: GraphReader, runs: int, seed: int) -> tuple[list[Case], dict[str, Any]]:
    """Return the cases with `runs` inputs each, drawn from the graph, and facts about the choice."""
    rng = random.Random(seed)
    # Every aggregated edge once, to know each entity's degree (an entity without edges is not drawn).
    degree: Counter[str] = Counter()
    names: dict[str, str] = {}
    for edge in await reader.relations(RelationFilter(), "CLAIMS", 0, 10**8):
        for end in (edge.subject, edge.object):
            degree[end.id] += 1
            names[end.id] = end.name
    connected = sorted(degree)
    # Neighbourhoods of entities of every size: a third hubs (the 1% best connected), the rest any.
    hubs = [entity_id for entity_id, _ in degree.most_common(max(runs, len(degree) // 100))]
    seeds = [rng.choice(hubs) if i % 3 == 0 else rng.choice(connected) for i in range(runs)]
    pairs = [(rng.choice(connected), rng.choice(connected)) for _ in range(runs)]
    words = []
    for row in ({"name": names[i]} for i in rng.sample(connected, runs)):
        word = rng.choice(row["name"].split())
        # Half typed as in the text, half with one letter wrong (the fuzzy part of the search).
        if len(word) > 4 and rng.random() < 0.5:
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + rng.choice("aeiou") + word[i + 1:]
        words.append(word.lower())
    min_claims, edges = await calibrate_alliance(reader)
    alliance_seeds = ["United States", "China", "Japan", "Germany", "India", "France", "United Kingdom"]
    alliance = [{"seeds": [alliance_seeds[i % len(alliance_seeds)]], "minClaims": min_claims} for i in range(runs)]
    cases = [
        Case("neighbors depth 2, limit 100 (hop 1: 100 edges; hop 2: a share of the room left)",
             "p50 <= 20 ms, p95 <= 100 ms", NEIGHBORS,
             [{"id": s} for s in seeds], _direct_neighbors),
        Case("path, maxHops 6", "p95 <= 50 ms", PATH, [{"from": a, "to": b} for a, b in pairs], _direct_path),
        Case("entities(search), first 10", "p95 <= 50 ms", SEARCH, [{"q": w} for w in words], _direct_search),
        Case(f"allianceSubgraph depth 2, minClaims {min_claims} (~{edges} edges)", "p95 <= 150 ms", ALLIANCE,
             alliance, _direct_alliance),
    ]
    return cases, {"alliance_min_claims": min_claims, "alliance_edges_us": edges}


async def calibrate_alliance(reader: GraphReader) -> tuple[int, int]:
    """Return the minClaims whose depth-2 alliance subgraph around the United States has the number
    of edges closest to TARGET_ALLIANCE_EDGES, and that number."""
    us = await reader.entity_by_name("United States")
    best = (1, 0)
    for min_claims in range(1, 40):
        graph = await reader.subgraph([us], 2, SubgraphFilter(types=("ALLIED_WITH",), min_claims=min_claims), 2000, 200)
        edges = len(graph.edges)
        if abs(edges - TARGET_ALLIANCE_EDGES) < abs(best[1] - TARGET_ALLIANCE_EDGES):
            best = (min_claims, edges)
        if edges < TARGET_ALLIANCE_EDGES:
            break
    return best


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Return (p50, p95) in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


@dataclass
class Timing:
    name: str
    target: str
    graphql_p50: float
    graphql_p95: float
    direct_p50: float
    direct_p95: float
    mean_payload_kb: float

    @property
    def overhead(self) -> float:
        return self.graphql_p50 / self.direct_p50


async def time_direct(instance: launcher.Neo4jInstance, case: Case) -> list[float]:
    driver: AsyncDriver = open_async_driver(instance.uri, *instance.auth, timeout=60.0)
    reader = GraphReader(driver, DATABASE, timeout=60.0)
    try:
        for values in case.inputs:  # warm-up pass
            await case.direct(reader, values)
        samples = []
        for values in case.inputs:
            started = time.perf_counter()
            await case.direct(reader, values)
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        await driver.close()


def time_graphql(url: str, case: Case) -> tuple[list[float], float]:
    """Return the request times and the mean response size in KB."""
    with httpx.Client(timeout=60) as client:
        def call(values: dict[str, Any]) -> int:
            response = client.post(url, json={"query": case.query, "variables": values})
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"{case.name} {values}: {response.status_code} {body.get('errors')}")
            return len(response.content)

        for values in case.inputs:  # warm-up pass
            call(values)
        samples, sizes = [], []
        for values in case.inputs:
            started = time.perf_counter()
            sizes.append(call(values))
            samples.append(time.perf_counter() - started)
    return samples, statistics.mean(sizes) / 1024


def table(timings: list[Timing]) -> str:
    lines = [
        "| query | target | GraphQL p50 | GraphQL p95 | Cypher p50 | Cypher p95 | overhead (p50) | payload |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {t.target} | {t.graphql_p50:.1f} ms | {t.graphql_p95:.1f} ms | {t.direct_p50:.1f} ms "
            f"| {t.direct_p95:.1f} ms | {t.overhead:.2f}x | {t.mean_payload_kb:.1f} KB |"
        )
    return "\n".join(lines)


def add_graph_options(parser: argparse.ArgumentParser, data_dir: Path | None = None) -> None:
    """Add the options of the synthetic bench graph (`bench_neo4j`'s parameters, its folder) and
    `--json`, the same in every bench that reads that graph."""
    parser.add_argument("--articles", type=int, default=12_000, help="make_corpus articles in the core.")
    parser.add_argument("--entities", type=int, default=100_000, help="Entities in the graph, tail included.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data-dir", type=Path, default=data_dir, help="Keep the graph here and reuse it on the next run."
    )
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_graph_options(parser)
    parser.add_argument("--runs", type=int, default=200, help="Timed requests per query.")
    args = parser.parse_args(argv)

    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts):
        print(f"graph: {facts['counts']} (written in {facts['write_seconds']} s)", file=sys.stderr)

        async def choose() -> tuple[list[Case], dict[str, Any]]:
            driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
            try:
                return await pick_inputs(GraphReader(driver, DATABASE, timeout=120.0), args.runs, args.seed)
            finally:
                await driver.close()

        cases, choice = asyncio.run(choose())
        timings = []
        with api_server(instance) as url:
            for case in cases:
                graphql_samples, payload = time_graphql(url, case)
                direct_samples = asyncio.run(time_direct(instance, case))
                timings.append(Timing(case.name, case.target, *percentiles(graphql_samples),
                                      *percentiles(direct_samples), payload))
                print(f"  {case.name}: done", file=sys.stderr)
    print(f"graph: {facts['counts']['entities']:,} entities, {facts['counts']['claims']:,} claims, "
          f"{facts['counts']['relations']:,} aggregated edges, {facts['counts']['articles']:,} articles; "
          f"{args.runs} warm requests per query, one client, one uvicorn worker; "
          f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(table(timings))
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "choice": choice,
                                         "timings": [asdict(t) | {"overhead": t.overhead} for t in timings]},
                                        indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
