"""What every export writer takes: the subgraph, the parameters that chose it, and (when asked) its claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from graph.records import ClaimRecord, EntityRecord, Row

EdgeKey = tuple[str, str, str]  # (type, source id, target id), as the graph stores an aggregated edge


@dataclass(frozen=True)
class ExportData:
    """A subgraph ready to write: `query` echoes the parameters, `graph` is `Subgraph.as_dict()`,
    `claims` holds each edge's claims and `entities` every node's stored entity, both filled
    only for writers that ask for them."""

    query: Row
    graph: Row
    claims: dict[EdgeKey, list[ClaimRecord]] = field(default_factory=dict)
    entities: dict[str, EntityRecord] = field(default_factory=dict)


Writer = Callable[[ExportData], bytes]


def edge_key(edge: Row) -> EdgeKey:
    """Return the key of an aggregated edge."""
    return (edge["type"], edge["source"], edge["target"])


def _present(values: Row) -> Row:
    # GraphML and GEXF have no null: an unknown value is an absent attribute.
    return {k: v for k, v in values.items() if v is not None}


def to_networkx(data: ExportData) -> nx.MultiDiGraph[str]:
    """Return the subgraph as a networkx multigraph: nodes carry label, name and kind; edges are keyed
    by relation type and carry label, type, claims, articles, first_seen, last_seen, confidence, hedged."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="racegraph subgraph")
    for node in data.graph["nodes"]:
        graph.add_node(node["id"], label=node["name"], name=node["name"], kind=node["kind"])
    for edge in data.graph["edges"]:
        attributes = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], key=edge["type"], label=edge["type"], **_present(attributes))
    return graph
