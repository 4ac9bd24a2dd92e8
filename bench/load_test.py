"""Throughput under load: 32 concurrent clients on loopback for 60 s, with wrk and bench/load_test.lua.

usage: python -m bench.load_test [--seconds 60] [--connections 32] [--workers 1,2] [--data-dir DIR]
                                 [--articles 12000] [--entities 100000] [--seed 1] [--json FILE]

Two loads, each against the server `racegraph serve` runs, in 1 and in 2 worker processes, over the
synthetic graph of bench/graphql_latency.py (same parameters, reused from --data-dir when it is
there): a trivial query (`{ __typename }`, the HTTP + GraphQL floor, no database) and an analyst
mix (fuzzy entity search, an entity with its strongest relations, the relations of an entity with
the three newest sentences of evidence each, a timeline, a one-hop neighbourhood, restrictions on a
country since a date), cycled over 200 inputs drawn from the graph's best-connected entities.
wrk runs one thread on the same 2-core machine, so the server never has a core to itself; the CPU
seconds each side used are reported with the rate.
Errors are non-200 responses, socket errors and 200 responses carrying GraphQL `errors`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.graphql_latency import DATABASE, add_graph_options, api_server, bench_neo4j
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.read import GraphReader, RelationFilter

LUA = Path(__file__).with_name("load_test.lua")
TRIVIAL = "{ __typename }"
MIX = {
    "search": "query($q: String!) { entities(search: $q, first: 10) { edges { node { id name kind } } } }",
    "entity": """query($id: ID!) { entity(id: $id) { id name kind aliases
        relations(first: 5) { type claimCount lastSeen subject { name } object { name } } } }""",
    "evidence": """query($id: String!) { relations(filter: {entity: $id}, first: 5) { edges { node {
        type claimCount subject { name } object { name }
        claims(first: 3) { date evidence hedged article { title url published } } } } } }""",
    "timeline": """query($id: String!) { timeline(entity: $id, first: 20) {
        type date evidence subject { name } object { name } article { title } } }""",
    "neighbors": """query($id: String!) { neighbors(id: $id, depth: 1, limit: 20) {
        nodes { id name kind } edges { type subject { id } object { id } claimCount } } }""",
    "restrictions": """query($c: String!) { relations(filter: {types: [RESTRICTED], object: $c, since: "2025-01-01"},
        first: 10) { edges { node { subject { name } claims(first: 3) { date item evidence } } } } }""",
}
COUNTRIES = ("China", "Russia", "United States", "Netherlands", "Japan", "South Korea", "Taiwan", "India")


async def analyst_bodies(instance: launcher.Neo4jInstance, count: int, seed: int) -> list[str]:
    """Return `count` request bodies cycling through MIX, with inputs drawn from the graph."""
    rng = random.Random(seed)
    driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
    try:
        reader = GraphReader(driver, DATABASE, timeout=120.0)
        # Entities analysts look at: ends of the 2,000 strongest edges, and a sample of the long tail.
        strong = await reader.relations(RelationFilter(), "CLAIMS", 0, 2000)
        ids = sorted({end.id for e in strong for end in (e.subject, e.object)})
        names = {end.id: end.name for e in strong for end in (e.subject, e.object)}
    finally:
        await driver.close()
    bodies = []
    for i in range(count):
        name = list(MIX)[i % len(MIX)]
        entity = rng.choice(ids)
        variables: dict[str, Any] = {
            "search": {"q": rng.choice(names[entity].split()).lower()[:6]},
            "entity": {"id": entity},
            "evidence": {"id": entity},
            "timeline": {"id": entity},
            "neighbors": {"id": entity},
            "restrictions": {"c": rng.choice(COUNTRIES)},
        }[name]
        bodies.append(json.dumps({"query": " ".join(MIX[name].split()), "variables": variables}))
    return bodies


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU seconds (user + system) the processes and their children have used, from /proc."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


def server_pids(url: str) -> list[int]:
    """Return the pids of the server processes listening for `url`: those holding its listening socket."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    listening = "0A"  # TCP_LISTEN in /proc/net/tcp
    sockets = {
        f"socket:[{fields[9]}]"
        for fields in (line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:])
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == listening
    }
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if any(os.readlink(fd) in sockets for fd in (proc / "fd").iterdir()):
                    found.add(int(proc.name))
            except OSError:
                continue
    return sorted(found)


@dataclass
class Load:
    name: str
    workers: int
    requests: int
    seconds: float
    rate: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int
    server_cpu: float  # CPU seconds used by the server (all workers) during the run
    wrk_cpu: float  # CPU seconds used by wrk during the run
    neo4j_cpu: float  # CPU seconds used by the Neo4j JVM during the run

    @property
    def rate_per_server_core(self) -> float:
        return self.requests / self.server_cpu if self.server_cpu else 0.0


def run_wrk(url: str, bodies: list[str], name: str, workers: int, seconds: int, connections: int,
            neo4j_pid: int) -> Load:
    """Run wrk against `url` cycling through `bodies`; return what it measured."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write("\n".join(bodies) + "\n")
    try:
        # A short warm-up, so the first seconds of the timed run do not pay for cold caches.
        subprocess.run(["wrk", "-t1", f"-c{connections}", "-d5s", "-s", str(LUA), url, "--", handle.name],
                       check=True, capture_output=True, text=True)
        servers = server_pids(url)
        before = cpu_seconds(servers), cpu_seconds([neo4j_pid])
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                   "-s", str(LUA), url, "--", handle.name]
        wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        wrk_cpu = 0.0
        while wrk.poll() is None:
            wrk_cpu = max(wrk_cpu, cpu_seconds([wrk.pid]))
            time.sleep(0.5)
        out = wrk.communicate()[0]
        server_cpu, neo4j_cpu = cpu_seconds(servers) - before[0], cpu_seconds([neo4j_pid]) - before[1]
    finally:
        os.unlink(handle.name)
    if wrk.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{out}")
    result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    errors = (result["graphql_errors"] + result["bad_status"] + result["connect"] + result["read"]
              + result["write"] + result["timeout"])
    duration = result["duration_us"] / 1e6
    return Load(name, workers, result["requests"], duration, result["requests"] / duration,
                result["p50_us"] / 1000, result["p90_us"] / 1000, result["p99_us"] / 1000, errors,
                server_cpu, wrk_cpu, neo4j_cpu)


def table(loads: list[Load]) -> str:
    lines = [
        "| load | uvicorn workers | req/s | p50 | p90 | p99 | errors | CPU s: server / Neo4j / wrk "
        "| req per server CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for x in loads:
        lines.append(
            f"| {x.name} | {x.workers} | {x.rate:,.0f} | {x.p50_ms:.1f} ms | {x.p90_ms:.1f} ms | {x.p99_ms:.1f} ms "
            f"| {x.errors} of {x.requests:,} | {x.server_cpu:.0f} / {x.neo4j_cpu:.0f} / {x.wrk_cpu:.0f} "
            f"| {x.rate_per_server_core:,.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="Length of each timed load.")
    parser.add_argument("--connections", type=int, default=32, help="Concurrent clients.")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to try, comma-separated.")
    add_graph_options(parser)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make wrk` (Debian's package) or apt-get install wrk")

    loads = []
    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts):
        neo4j_pid = facts["neo4j_pid"]
        bodies = asyncio.run(analyst_bodies(instance, 200, args.seed))
        trivial = [json.dumps({"query": TRIVIAL})]
        for workers in (int(w) for w in args.workers.split(",")):
            with api_server(instance, workers) as url:
                for name, mix in (("trivial `{ __typename }`", trivial), ("analyst mix", bodies)):
                    loads.append(run_wrk(url, mix, name, workers, args.seconds, args.connections, neo4j_pid))
                    print(f"  {name}, {workers} worker(s): {loads[-1].rate:,.0f} req/s", file=sys.stderr)
    load_average = os.getloadavg()
    print(f"graph: {facts['counts']['entities']:,} entities, {facts['counts']['claims']:,} claims; "
          f"{args.connections} connections for {args.seconds} s per row, wrk -t1 on the same 2 cores; "
          f"load average after: {load_average[0]:.1f}")
    print(table(loads))
    if args.json:
        args.json.write_text(json.dumps([asdict(x) | {"rate_per_server_core": x.rate_per_server_core}
                                         for x in loads], indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
