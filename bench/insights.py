"""Graph insights on the synthetic 100k-entity graph of `bench.graphql_latency`: communities over
ALLIED_WITH + MET_WITH for all time (cold, then cached), PageRank cold, and trends.

usage: python -m bench.insights [--articles 12000] [--entities 100000] [--seed 1] [--runs 100] [--colds 3]
                                [--data-dir DIR] [--json FILE]

The graph and its parameters are `bench.graphql_latency`'s (`bench_neo4j`): with the same --data-dir it is
reused, not written again. Every figure is a GraphQL request over HTTP to `uvicorn app.main:create_app`
(one worker, a separate process), one client, sequential:

- cold: the first such request of a freshly started server (its cache empty), `--colds` servers in turn;
- cached: `--runs` repeats of the communities request once it is cached;
- trends: the monthly trend of `--runs` (at most 100) different entities, the most central by degree, each
  asked once after a first pass asking their quarterly trend (the same claims, another cache entry), so
  every timed request reads the graph; the first pass is timed too (each entity's data first read since
  Neo4j started).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any

import httpx

from bench.graphql_latency import add_graph_options, api_server, bench_neo4j, percentiles
from graph.launcher import launcher

COMMUNITIES = """{ communities(types: [ALLIED_WITH, MET_WITH], first: 20) {
  totalCount modularity communities { id label size members(first: 20) { entity { id name } } } } }"""
PAGERANK = """{ centrality(measure: PAGERANK, types: [ALLIED_WITH, MET_WITH], first: 20) {
  rank score entity { id name } } }"""
CENTRAL = """query($first: Int!) { centrality(measure: DEGREE, first: $first) { entity { id } } }"""
TRENDS = """query($entity: String!, $interval: Interval!) {
  trends(entity: $entity, interval: $interval) { period type claims sources } }"""


def ask(client: httpx.Client, url: str, query: str, **variables: Any) -> tuple[float, dict[str, Any]]:
    """Return the seconds one request took and its data; raise on any error."""
    started = time.perf_counter()
    response = client.post(url, json={"query": query, "variables": variables})
    elapsed = time.perf_counter() - started
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{response.status_code} {body.get('errors')}")
    return elapsed, body["data"]


def cold(instance: launcher.Neo4jInstance, query: str, colds: int) -> list[float]:
    """Return the time of the first `query` of each of `colds` freshly started servers."""
    samples = []
    for _ in range(colds):
        with api_server(instance) as url, httpx.Client(timeout=300) as client:
            samples.append(ask(client, url, query)[0])
    return samples


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_graph_options(parser)
    parser.add_argument("--runs", type=int, default=100, help="Timed cached and trends requests (at most 100).")
    parser.add_argument("--colds", type=int, default=3, help="Servers started for each cold figure.")
    args = parser.parse_args(argv)

    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts):
        print(f"graph: {facts['counts']}", file=sys.stderr)
        communities_cold = cold(instance, COMMUNITIES, args.colds)
        pagerank_cold = cold(instance, PAGERANK, args.colds)
        with api_server(instance) as url, httpx.Client(timeout=300) as client:
            _, found = ask(client, url, COMMUNITIES)
            cached = [ask(client, url, COMMUNITIES)[0] for _ in range(args.runs)]
            _, central = ask(client, url, CENTRAL, first=args.runs)
            entities = [r["entity"]["id"] for r in central["centrality"]]
            # First asked: the same reads, by quarter (another cache entry), each entity's data not yet read
            # since Neo4j started; it also warms the page cache for the timed monthly pass.
            first = [ask(client, url, TRENDS, entity=entity, interval="QUARTER")[0] for entity in entities]
            trends = [ask(client, url, TRENDS, entity=entity, interval="MONTH")[0] for entity in entities]

    partition = found["communities"]
    figures = {
        "communities_cold_s": [round(s, 2) for s in communities_cold],
        "communities_cached_p50_ms": round(percentiles(cached)[0], 1),
        "communities_cached_p95_ms": round(percentiles(cached)[1], 1),
        "pagerank_cold_s": [round(s, 2) for s in pagerank_cold],
        "trends_p50_ms": round(percentiles(trends)[0], 1),
        "trends_p95_ms": round(percentiles(trends)[1], 1),
        "trends_first_p50_ms": round(percentiles(first)[0], 1),
        "trends_first_p95_ms": round(percentiles(first)[1], 1),
        "communities_found": partition["totalCount"],
        "modularity": round(partition["modularity"], 3),
        "largest_community": partition["communities"][0]["size"] if partition["communities"] else 0,
    }
    counts = facts["counts"]
    print(f"graph: {counts['entities']:,} entities, {counts['claims']:,} claims, {counts['relations']:,} aggregated "
          f"edges; one client, one uvicorn worker")
    print("| figure | target | measured |\n|---|---|---|")
    print(f"| communities ALLIED_WITH+MET_WITH, all time, cold | <= 3 s | "
          f"median {statistics.median(communities_cold):.2f} s "
          f"(max {max(communities_cold):.2f} s, {args.colds} runs) |")
    print(f"| communities, cached | p95 <= 50 ms | p50 {figures['communities_cached_p50_ms']} ms, "
          f"p95 {figures['communities_cached_p95_ms']} ms ({args.runs} requests) |")
    print(f"| PageRank, same projection, cold | <= 2 s | "
          f"median {statistics.median(pagerank_cold):.2f} s (max {max(pagerank_cold):.2f} s) |")
    print(f"| trends (MONTH, one entity, uncached) | p95 <= 50 ms | p50 {figures['trends_p50_ms']} ms, "
          f"p95 {figures['trends_p95_ms']} ms ({args.runs} entities) |")
    print(f"| trends (QUARTER, the same entities first asked) | - | p50 {figures['trends_first_p50_ms']} ms, "
          f"p95 {figures['trends_first_p95_ms']} ms |")
    print(f"{partition['totalCount']:,} communities, modularity {figures['modularity']}, "
          f"largest {figures['largest_community']:,} entities")
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "figures": figures}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
