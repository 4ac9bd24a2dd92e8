"""Pull the alliance subgraph around some entities from racegraph and save it as JSON and GraphML.

usage: python alliance_subgraph.py "United States" Japan [--depth 2] [--since 2025-01] [--until 2025-12]
                                   [--types ALLIED_WITH] [--min-claims 1] [--out alliances]

Writes OUT.json (the API's {nodes, edges, truncated} payload as it came) and OUT.graphml
(networkx; opens in Gephi, Cytoscape or yEd). Seeds are entity ids or canonical names.
The server and key come from RACEGRAPH_URL (default http://127.0.0.1:8000/graphql) and
RACEGRAPH_API_KEY (optional while anonymous reads are open), or --url and --key.
Needs networkx (`pip install networkx`); the request itself uses only the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import networkx as nx

QUERY = """
query Alliances($seeds: [String!]!, $depth: Int!, $types: [RelationType!], $since: String, $until: String,
                $minClaims: Int!) {
  allianceSubgraph(seeds: $seeds, depth: $depth, types: $types, since: $since, until: $until,
                   minClaims: $minClaims)
}
"""


def graphql(url: str, key: str | None, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POST one GraphQL request; return its data, or exit with the server's error messages."""
    headers = {"Content-Type": "application/json", "Accept": "application/graphql-response+json"}
    if key:
        headers["X-API-Key"] = key
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            result = json.load(response)
    except urllib.error.HTTPError as error:  # 4xx/5xx still carry a JSON body explaining why
        result = json.load(error)
    if result.get("errors"):
        sys.exit("racegraph: " + "; ".join(e.get("message", str(e)) for e in result["errors"]))
    if "data" not in result:
        sys.exit(f"racegraph: unexpected response {result}")
    return result["data"]


def to_networkx(subgraph: dict[str, Any]) -> nx.MultiDiGraph:
    """Return the subgraph as a networkx multigraph: one node per entity, one edge per relation type."""
    graph = nx.MultiDiGraph()
    for node in subgraph["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id" and v is not None})
    for edge in subgraph["edges"]:
        attributes = {k: v for k, v in edge.items() if k not in ("source", "target") and v is not None}
        graph.add_edge(edge["source"], edge["target"], key=edge["type"], **attributes)
    return graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="+", help="Entity ids or canonical names to start from.")
    parser.add_argument("--depth", type=int, default=2, help="Hops from the seeds (1-3).")
    parser.add_argument("--types", nargs="*", default=["ALLIED_WITH"], help="Relation types to follow.")
    parser.add_argument("--since", help="Only edges seen on or after this date (YYYY[-MM[-DD]]).")
    parser.add_argument("--until", help="Only edges seen on or before this date.")
    parser.add_argument("--min-claims", type=int, default=1, help="Only edges with at least this many claims.")
    parser.add_argument("--out", type=Path, default=Path("alliances"), help="Output path without extension.")
    parser.add_argument("--url", default=os.environ.get("RACEGRAPH_URL", "http://127.0.0.1:8000/graphql"))
    parser.add_argument("--key", default=os.environ.get("RACEGRAPH_API_KEY"), help="API key (X-API-Key).")
    args = parser.parse_args(argv)

    variables = {
        "seeds": args.seeds, "depth": args.depth, "types": args.types, "since": args.since,
        "until": args.until, "minClaims": args.min_claims,
    }
    subgraph = graphql(args.url, args.key, QUERY, variables)["allianceSubgraph"]
    json_path, graphml_path = args.out.with_suffix(".json"), args.out.with_suffix(".graphml")
    json_path.write_text(json.dumps(subgraph, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    nx.write_graphml(to_networkx(subgraph), graphml_path)
    cut = " (cut short by the node limit)" if subgraph["truncated"] else ""
    print(f"{len(subgraph['nodes'])} entities, {len(subgraph['edges'])} relations{cut}: {json_path}, {graphml_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
