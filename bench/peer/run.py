"""racegraph against @neo4j/graphql on the same Neo4j and graph, with the Cypher floor beside them.

usage: python -m bench.peer.run [--runs 200] [--seed 1] [--clients 1,8] [--data-dir data/bench-api]
                                [--cases WORD,...] [--baseline DIR] [--http-client lean|httpx] [--json FILE]

The graph is bench.graphql_latency's synthetic 100k-entity graph (its default parameters), written
into --data-dir on the first run and reused after. Three systems answer the five queries of
bench/peer/queries.py: racegraph over HTTP (uvicorn, one worker), the peer over HTTP (Node,
bench/peer/server.mjs; `make bench-peer` installs it), and the floor, the reads racegraph's
resolvers make, through GraphReader on the async driver without HTTP or GraphQL. The HTTP systems are
posted to by bench/peer/http_client.py's minimal client (httpx with `--http-client httpx`: its own CPU per
request, paid by both HTTP systems and not by the floor, is larger than a small query's server side).

First every input goes once to each system (the warm-up); racegraph's and the peer's answers are
normalised and compared, and any difference stops the run. Then, for each client count, the inputs
are cut into rounds and each round goes to the three systems in turn, the order rotating from
round to round, so that a change in the machine's load falls on all three alike.

`--baseline DIR` adds a fourth system, racegraph as checked out in DIR (a worktree of another commit,
served by its own `racegraph serve`), timed in the same rounds and checked against the peer too: a
before/after that the machine's load cannot tilt. `--cases` keeps the queries whose names contain one
of the words.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.graphql_latency import DATABASE, add_graph_options, api_server, bench_neo4j, wait_for_graphql
from bench.peer.http_client import LeanClient
from bench.peer.queries import CASES, Case, pick_inputs
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.read import GraphReader

PEER_DIR = Path(__file__).resolve().parent
SYSTEMS = ("racegraph", "peer", "floor", "baseline")  # column order; "baseline" only with --baseline
ROUND = 8  # inputs per client per round

Call = Callable[[dict[str, Any]], Awaitable[Any]]
Post = Callable[[str, dict[str, Any]], Awaitable[tuple[int, Any]]]  # (url, JSON payload) -> (status, JSON body)
HTTP_CLIENTS = ("lean", "httpx")  # bench.peer.http_client's LeanClient; httpx, which the first tables used


class AnswersDiffer(AssertionError):
    """racegraph and the peer gave different answers to one input."""


@contextmanager
def peer_server(instance: launcher.Neo4jInstance) -> Iterator[str]:
    """Run the Node peer against `instance` on a free loopback port; yield its GraphQL URL."""
    if not (PEER_DIR / "node_modules").is_dir():
        raise SystemExit("the peer is not installed: run `make bench-peer` (or `npm ci` in bench/peer)")
    port = launcher.free_port()
    env = {**os.environ, "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": instance.password, "PORT": str(port),
           "NODE_ENV": "production"}
    server = subprocess.Popen(["node", str(PEER_DIR / "server.mjs")], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        if not line.startswith("peer ready "):
            raise RuntimeError(f"the peer did not start: {line!r}")
        yield line.split()[-1]
    finally:
        server.terminate()
        server.wait(30)


@contextmanager
def baseline_server(instance: launcher.Neo4jInstance, checkout: Path) -> Iterator[str]:
    """Run `racegraph serve` from the code in `checkout` against `instance` on a free loopback port, with
    the settings `api_server` gives; yield its GraphQL URL."""
    port = launcher.free_port()
    env = {**os.environ, "PYTHONPATH": str(checkout), "NEO4J_URI": instance.uri,
           "NEO4J_PASSWORD": instance.password, "ANONYMOUS_READ": "true", "ENVIRONMENT": "test",
           "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-c", "from app.cli import main; main()", "serve", "--host", "127.0.0.1",
               "--port", str(port)]
    server = subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        wait_for_graphql(url, lambda: server.poll() is None, f"the baseline server in {checkout}")
        yield url
    finally:
        server.terminate()
        server.wait(30)


@asynccontextmanager
async def http_poster(kind: str, urls: list[str], connections: int) -> AsyncIterator[Post]:
    """Yield a function posting JSON to any of `urls` through the client `kind` names (HTTP_CLIENTS), with
    up to `connections` requests in flight per URL."""
    if kind == "httpx":
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            async def post_httpx(url: str, payload: dict[str, Any]) -> tuple[int, Any]:
                response = await client.post(url, json=payload)
                return response.status_code, response.json()

            yield post_httpx
        return
    clients = {url: LeanClient(url, connections) for url in urls}
    try:
        async def post_lean(url: str, payload: dict[str, Any]) -> tuple[int, Any]:
            async with asyncio.timeout(120):
                return await clients[url].post(payload)

        yield post_lean
    finally:
        for client in clients.values():
            await client.close()


def graphql_call(post: Post, url: str, document: str, variables: Callable[[dict[str, Any]], dict[str, Any]]) -> Call:
    """A call that posts `document` with the input's variables and returns `data`, raising on any error."""
    async def call(values: dict[str, Any]) -> Any:
        status, body = await post(url, {"query": document, "variables": variables(values)})
        if status != 200 or body.get("errors"):
            raise RuntimeError(f"{url} {values}: {status} {body.get('errors')}")
        return body["data"]

    return call


async def check_and_warm(case: Case, inputs: list[dict[str, Any]], calls: dict[str, Call]) -> None:
    """Send every input once to each system; raise AnswersDiffer when racegraph (or the baseline) and the
    peer disagree."""
    for values in inputs:
        theirs = case.peer_answer(await calls["peer"](values), values)
        await calls["floor"](values)
        for name in ("racegraph", "baseline"):
            if name not in calls:
                continue
            ours = case.racegraph_answer(await calls[name](values), values)
            if ours != theirs:
                raise AnswersDiffer(f"{case.name} {values}:\n{name} {json.dumps(ours)[:2000]}\n"
                                    f"peer      {json.dumps(theirs)[:2000]}")


async def timed(call: Call, inputs: list[dict[str, Any]], clients: int) -> list[float]:
    """Send `inputs` through `clients` concurrent clients; return each request's time in seconds."""
    queue = list(reversed(inputs))
    samples: list[float] = []

    async def client() -> None:
        while queue:
            values = queue.pop()
            started = time.perf_counter()
            await call(values)
            samples.append(time.perf_counter() - started)

    await asyncio.gather(*(client() for _ in range(clients)))
    return samples


async def interleaved(calls: dict[str, Call], inputs: list[dict[str, Any]], clients: int) -> dict[str, list[float]]:
    """Time every input on every system, round by round, rotating which system goes first."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    size = ROUND * clients
    for number, start in enumerate(range(0, len(inputs), size)):
        names = list(calls)
        for name in names[number % len(names):] + names[: number % len(names)]:
            samples[name] += await timed(calls[name], inputs[start:start + size], clients)
    return samples


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Return (p50, p95) in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


HEADINGS = {"racegraph": "racegraph", "peer": "@neo4j/graphql", "floor": "Cypher floor", "baseline": "baseline"}


def table(results: dict[str, dict[str, tuple[float, float]]], clients: int) -> str:
    systems = [s for s in SYSTEMS if s in next(iter(results.values()))]
    lines = [f"{clients} client{'s' if clients > 1 else ''}, p50 / p95 in ms:", "",
             f"| query | {' | '.join(HEADINGS[s] for s in systems)} | racegraph / floor (p50) |",
             "|---|" + "---:|" * (len(systems) + 1)]
    for name, row in results.items():
        cells = [f"{row[s][0]:.1f} / {row[s][1]:.1f}" for s in systems]
        lines.append(f"| {name} | {' | '.join(cells)} | {row['racegraph'][0] / row['floor'][0]:.2f}x |")
    return "\n".join(lines)


async def bench(urls: dict[str, str], instance: launcher.Neo4jInstance, runs: int, seed: int,
                client_counts: list[int], words: list[str], http_client: str,
                ) -> dict[int, dict[str, dict[str, tuple[float, float]]]]:
    """Check the answers and time every case (those whose names hold one of `words`, all without any) on the
    systems at `urls` (racegraph, peer, maybe baseline) and the floor; return {clients: {case: {system:
    (p50, p95)}}}."""
    driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
    try:
        reader = GraphReader(driver, DATABASE, timeout=120.0)
        all_inputs = await pick_inputs(reader, runs, seed)
        results: dict[int, dict[str, dict[str, tuple[float, float]]]] = {n: {} for n in client_counts}
        async with http_poster(http_client, list(urls.values()), max(client_counts)) as post:
            for case, inputs in zip(CASES, all_inputs, strict=True):
                if words and not any(word in case.name for word in words):
                    continue
                floor = case.floor

                async def floor_call(values: dict[str, Any], floor: Any = floor) -> Any:
                    return await floor(reader, values)

                calls: dict[str, Call] = {
                    "racegraph": graphql_call(post, urls["racegraph"], case.racegraph, lambda v: v),
                    "peer": graphql_call(post, urls["peer"], case.peer, case.peer_variables),
                    "floor": floor_call,
                }
                if "baseline" in urls:
                    calls["baseline"] = graphql_call(post, urls["baseline"], case.racegraph, lambda v: v)
                await check_and_warm(case, inputs, calls)
                print(f"  {case.name}: {len(inputs)} answers equal", file=sys.stderr)
                for clients in client_counts:
                    samples = await interleaved(calls, inputs, clients)
                    results[clients][case.name] = {name: percentiles(s) for name, s in samples.items()}
        return results
    finally:
        await driver.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_graph_options(parser, data_dir=Path("data/bench-api"))
    parser.add_argument("--runs", type=int, default=200, help="Inputs per query (each timed once per client count).")
    parser.add_argument("--clients", default="1,8", help="Concurrent client counts, comma-separated.")
    parser.add_argument("--cases", default="", help="Comma-separated words: only the queries whose names hold one.")
    parser.add_argument("--http-client", choices=HTTP_CLIENTS, default="lean",
                        help="How the bench posts to the HTTP systems: a minimal HTTP/1.1 client (lean) or httpx, "
                        "whose own CPU per request is larger than a small query's server side.")
    parser.add_argument("--baseline", type=Path,
                        help="A checkout of racegraph (e.g. a worktree of main) to time as a fourth system.")
    args = parser.parse_args(argv)
    client_counts = [int(n) for n in args.clients.split(",")]
    words = [w for w in args.cases.split(",") if w]

    with bench_neo4j(args.data_dir, args.articles, args.entities, 1) as (instance, facts), ExitStack() as servers:
        load_before = os.getloadavg()[0]
        urls = {"racegraph": servers.enter_context(api_server(instance)),
                "peer": servers.enter_context(peer_server(instance))}
        if args.baseline:
            urls["baseline"] = servers.enter_context(baseline_server(instance, args.baseline.resolve()))
        results = asyncio.run(bench(urls, instance, args.runs, args.seed, client_counts, words, args.http_client))
    counts = facts["counts"]
    print(f"graph: {counts['entities']:,} entities, {counts['claims']:,} claims, {counts['relations']:,} edges; "
          f"{args.runs} inputs per query, answers of racegraph{' and the baseline' if args.baseline else ''} and "
          f"the peer checked equal on each; {args.http_client} HTTP client; "
          f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    for clients, rows in results.items():
        print()
        print(table(rows, clients))
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "runs": args.runs, "results": results}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
