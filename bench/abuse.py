"""Abuse on loopback: what issue 13's attacks cost the server now, then 60 s of 32 clients mixing them with
the analyst mix.

usage: python -m bench.abuse [--seconds 60] [--clients 32] [--abuse-every 5] [--data-dir DIR]
                             [--articles 2000] [--entities 20000] [--seed 1]

Over the synthetic graph of bench/graphql_latency.py (smaller by default) and the server `racegraph serve` runs,
with one worker and the default limits, each phase is a bounded loop:

1. fan-out: the four-level `entities(first: 4) { relations { object { relations ...` query, 20 times;
2. cache: 200 distinct query texts of 39,000 characters (comments), under the length limit;
3. big bodies: 20 bodies of 5 MB (with Content-Length) and 20 of 3 MB sent chunked;
4. concurrent duplicates: 8 clients ingesting, at once, the same 3 articles and one of their own;
5. mixed: `--clients` clients for `--seconds`, each sending one abuse request (the above, a JSON body
   nested 100,000 deep, invalid UTF-8) after every 4 analyst requests (bench/load_test.py's mix);
   `--abuse-every 0` runs the analyst mix alone, the baseline to compare with.

All the while /health is asked every 100 ms, from a process of its own, and the server's RSS read every
0.5 s. Errors are counted for the well-formed requests only: a non-200 answer or GraphQL `errors`; the
abuse requests must be refused (a 4xx, or a GraphQL error with a code) and are counted by how they were
answered.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import multiprocessing
import os
import random
import secrets
import statistics
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

import httpx

from app.auth import hash_key
from bench.graphql_latency import DATABASE, api_server, bench_neo4j
from bench.load_test import analyst_bodies, server_pids
from graph import keys
from graph.connect import open_async_driver
from graph.launcher import launcher

FAN_OUT = (
    "{ entities(first: 4) { edges { node { name relations { object { name relations { object { name "
    "relations { object { name relations { object { name } } } } } } } } } } } }"
)
INGEST = "mutation($inputs: [ArticleInput!]!) { ingestArticles(inputs: $inputs) { ingested duplicates } }"
SHARED_TEXTS = [
    "Japan and Australia signed a security pact in Canberra on Tuesday.",
    "The United States restricted exports of advanced chips to China.",
    "Nvidia chief executive Jensen Huang met Premier Li Qiang in Beijing.",
]


def cache_buster(n: int) -> str:
    """A distinct query text of about 39,000 characters, nearly all comment."""
    return "{ __typename }\n# " + f"{n} " + "x" * 39_000


def p50_p99(samples: list[float]) -> tuple[float, float]:
    """The median and 99th percentile of the samples."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[98]


def big_body(size: int) -> bytes:
    return json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * size}}).encode()


DEEP_JSON = b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
BAD_UTF8 = b'{"query": "{ __typename }", "operationName": "\xff\xfe"}'


@dataclass
class Watch:
    """/health latencies and server RSS, sampled by `probe` while the phases run, and when each phase began."""

    health: list[tuple[float, float, bool]] = field(default_factory=list)  # (asked at, ms, answered 200)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (read at, MB)
    phases: list[tuple[float, str]] = field(default_factory=lambda: [(0.0, "idle")])

    def enter(self, phase: str) -> None:
        self.phases.append((time.monotonic(), phase))

    def phase_at(self, moment: float) -> str:
        return self.phases[bisect.bisect_right([t for t, _ in self.phases], moment) - 1][1]

    def health_ms(self) -> dict[str, list[float]]:
        by_phase: dict[str, list[float]] = {}
        for moment, ms, _ in self.health:
            by_phase.setdefault(self.phase_at(moment), []).append(ms)
        return by_phase

    def largest_rss(self) -> dict[str, float]:
        by_phase: dict[str, float] = {}
        for moment, mb in self.rss:
            phase = self.phase_at(moment)
            by_phase[phase] = max(by_phase.get(phase, 0.0), mb)
        return by_phase


def rss_mb(pids: list[int]) -> float:
    """The resident memory of the processes, from /proc, in MB."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    return total / 1024


def probe(base: str, pids: list[int], stop: EventType, results: Connection) -> None:
    """Ask /health every 100 ms and read the server's RSS every 0.5 s until `stop`; send the samples.

    Runs in a process of its own: inside the load generator's event loop a probe waits behind the
    clients' callbacks (PYTHONASYNCIODEBUG showed that loop stalling for up to 0.2 s) and would charge
    the client's delay to the server."""
    health: list[tuple[float, float, bool]] = []
    rss: list[tuple[float, float]] = []
    next_rss = 0.0
    with httpx.Client(timeout=10) as client:
        while not stop.is_set():
            started = time.monotonic()
            try:
                ok = client.get(f"{base}/health").status_code == 200
            except httpx.HTTPError:
                ok = False
            health.append((started, (time.monotonic() - started) * 1000, ok))
            if started >= next_rss:
                rss.append((started, rss_mb(pids)))
                next_rss = started + 0.5
            stop.wait(0.1)
    results.send((health, rss))


def refused(response: httpx.Response) -> str:
    """How an abuse request was answered: its status, or its GraphQL error code."""
    if response.status_code != 200:
        return str(response.status_code)
    errors = response.json().get("errors") or []
    return errors[0].get("extensions", {}).get("code", "refused") if errors else "ANSWERED"


async def answer(request: Awaitable[httpx.Response]) -> str:
    """How an abuse request was answered; a refusal sent before the whole body was read can reach the
    client as a closed connection instead (the server does not read the rest of a body it refuses)."""
    try:
        return refused(await request)
    except httpx.TransportError:
        return "closed after refusal"


def well_formed_error(response: httpx.Response) -> bool:
    return response.status_code != 200 or bool(response.json().get("errors"))


async def send_big(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """5 MB with its Content-Length."""
    return await client.post(url, content=big_body(5_000_000), headers={"content-type": "application/json"})


async def send_chunked(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """3 MB without a Content-Length, in 64 KB chunks."""
    body = big_body(3_000_000)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    return await client.post(url, content=chunks(), headers={"content-type": "application/json"})


async def abuse_request(client: httpx.AsyncClient, url: str, kind: str, rng: random.Random) -> httpx.Response:
    """One abuse request of `kind`."""
    if kind == "fan-out":
        return await client.post(url, json={"query": FAN_OUT})
    if kind == "cache":
        return await client.post(url, json={"query": cache_buster(rng.randrange(10**9))})
    if kind == "big":
        return await send_big(client, url)
    if kind == "chunked":
        return await send_chunked(client, url)
    body = DEEP_JSON if kind == "deep" else BAD_UTF8
    return await client.post(url, content=body, headers={"content-type": "application/json"})


ABUSE = ["fan-out", "cache", "big", "chunked", "deep", "utf8"]


async def concurrent_duplicates(client: httpx.AsyncClient, url: str, key: str) -> dict[str, int]:
    """8 clients ingesting, at once, the same 3 new articles and one of their own each."""
    headers = {"X-API-Key": key}
    run = secrets.token_hex(4)  # texts new to the graph on every run

    async def ingest(n: int) -> httpx.Response:
        inputs = [{"text": f"{text} ({run})"} for text in SHARED_TEXTS]
        inputs.append({"text": f"India and Japan are allies, writer {n} ({run})."})
        return await client.post(url, json={"query": INGEST, "variables": {"inputs": inputs}}, headers=headers)

    responses = await asyncio.gather(*(ingest(n) for n in range(8)))
    results = [r.json() for r in responses]
    return {
        "errors": sum(well_formed_error(r) for r in responses),
        "ingested": sum(len(r["data"]["ingestArticles"]["ingested"]) for r in results if r.get("data")),
        "duplicates": sum(len(r["data"]["ingestArticles"]["duplicates"]) for r in results if r.get("data")),
    }


async def mixed(
    client: httpx.AsyncClient, url: str, bodies: list[str], seconds: int, clients: int, abuse_every: int
) -> dict[str, Any]:
    """`clients` clients for `seconds`, each sending one abuse request after every `abuse_every` - 1
    analyst requests; the well-formed requests' errors and latencies."""
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    counts: Counter[str] = Counter()

    async def one_client(number: int) -> None:
        rng = random.Random(number)
        sent = 0
        while time.monotonic() < deadline:
            if abuse_every and sent % abuse_every == abuse_every - 1:
                kind = ABUSE[(sent // 5 + number) % len(ABUSE)]
                counts[f"abuse {kind}: {await answer(abuse_request(client, url, kind, rng))}"] += 1
            else:
                started = time.monotonic()
                body = rng.choice(bodies)
                response = await client.post(url, content=body, headers={"content-type": "application/json"})
                latencies.append((time.monotonic() - started) * 1000)
                counts["well-formed"] += 1
                counts["well-formed errors"] += well_formed_error(response)
            sent += 1

    await asyncio.gather(*(one_client(n) for n in range(clients)))
    p50, p99 = p50_p99(latencies)
    return {
        "counts": dict(sorted(counts.items())),
        "well_formed_p50_ms": round(p50, 1),
        "well_formed_p99_ms": round(p99, 1),
    }


async def phases(
    url: str, key: str, bodies: list[str], seconds: int, clients: int, abuse_every: int, state: Watch
) -> dict[str, Any]:
    """Run the five phases; return what each saw."""
    found: dict[str, Any] = {}
    limits = httpx.Limits(max_connections=clients + 8)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        state.enter("fan-out")
        started = time.monotonic()
        answers = Counter([refused(await client.post(url, json={"query": FAN_OUT})) for _ in range(20)])
        found["fan-out"] = {"answers": dict(answers), "seconds": round(time.monotonic() - started, 2)}

        state.enter("cache")
        answers = Counter()
        for n in range(200):
            answers[refused(await client.post(url, json={"query": cache_buster(n)}))] += 1
        found["cache"] = {"answers": dict(answers)}

        state.enter("big bodies")
        answers = Counter()
        for _ in range(20):
            answers[f"5 MB: {await answer(send_big(client, url))}"] += 1
            answers[f"3 MB chunked: {await answer(send_chunked(client, url))}"] += 1
        found["big bodies"] = {"answers": dict(answers)}

        state.enter("duplicates")
        found["duplicates"] = await concurrent_duplicates(client, url, key)
        state.enter("mixed")
        found["mixed"] = await mixed(client, url, bodies, seconds, clients, abuse_every)
        state.enter("after")
        await asyncio.sleep(2)
    return found


async def ingester_key(instance: launcher.Neo4jInstance) -> str:
    """Store an ingester key in the bench database; return its secret."""
    secret = "rg_" + secrets.token_urlsafe(32)
    driver = open_async_driver(instance.uri, *instance.auth)
    try:
        await keys.create_key(driver, DATABASE, secrets.token_hex(4), "abuse bench", "ingester", hash_key(secret))
    finally:
        await driver.close()
    return secret


def run(
    url: str, instance: launcher.Neo4jInstance, bodies: list[str], seconds: int, clients: int, abuse_every: int
) -> tuple[dict[str, Any], Watch]:
    """The phases, with `probe` watching the server from another process throughout."""
    key = asyncio.run(ingester_key(instance))
    state = Watch()
    spawn = multiprocessing.get_context("spawn")
    stop = spawn.Event()
    receiving, sending = spawn.Pipe(duplex=False)
    prober = spawn.Process(target=probe, args=(url.removesuffix("/graphql"), server_pids(url), stop, sending))
    prober.start()
    try:
        time.sleep(2)
        found = asyncio.run(phases(url, key, bodies, seconds, clients, abuse_every, state))
    finally:
        stop.set()
        state.health, state.rss = receiving.recv()
        prober.join()
    return found, state


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="Length of the mixed phase.")
    parser.add_argument("--clients", type=int, default=32, help="Concurrent clients in the mixed phase.")
    parser.add_argument(
        "--abuse-every", type=int, default=5,
        help="In the mixed phase, every Nth request of a client is an abuse one (0: none, the analyst mix alone).",
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="Where the synthetic graph is kept (made when missing).")
    args = parser.parse_args(argv)

    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts):
        bodies = asyncio.run(analyst_bodies(instance, 200, args.seed))
        with api_server(instance) as url:
            found, state = run(url, instance, bodies, args.seconds, args.clients, args.abuse_every)
    print(f"graph: {facts['counts']['entities']:,} entities, {facts['counts']['claims']:,} claims; "
          f"{os.cpu_count()} cores; load average after: {os.getloadavg()[0]:.1f}")
    print(json.dumps(found, indent=2))
    print(f"/health: {len(state.health)} probes, {sum(not ok for _, _, ok in state.health)} errors")
    for phase, samples in state.health_ms().items():
        p50, p99 = p50_p99(samples) if len(samples) > 1 else (samples[0], samples[0])
        print(f"  {phase}: {len(samples)} probes, p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(samples):.1f} ms")
    print("server RSS, largest in each phase (MB): "
          + ", ".join(f"{phase} {mb:.0f}" for phase, mb in state.largest_rss().items()))


if __name__ == "__main__":
    main(sys.argv[1:])
