"""What every export writer takes: the subgraph, the parameters that chose it, and (when asked) its claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from graph.read import Subgraph
from graph.records import ClaimRecord, EntityRecord, Row

EdgeKey = tuple[str, str, str]  # (type, source id, target id), as the graph stores an aggregated edge


@dataclass(frozen=True)
class ExportData:
    """A subgraph ready to write: `query` echoes the parameters that chose it, `claims` holds each
    edge's claims and `entities` every node's stored entity, both filled only for writers that ask
    for them."""

    query: Row
    graph: Subgraph
    claims: dict[EdgeKey, list[ClaimRecord]] = field(default_factory=dict)
    entities: dict[str, EntityRecord] = field(default_factory=dict)


Writer = Callable[[ExportData], bytes]


def _present(values: Row) -> Row:
    # GraphML and GEXF have no null: an unknown value is an absent attribute.
    return {k: v for k, v in values.items() if v is not None}


def to_networkx(data: ExportData) -> nx.MultiDiGraph[str]:
    """Return the subgraph as a networkx multigraph: nodes carry label, name and kind; edges are keyed
    by relation type and carry label, type, claims, articles, first_seen, last_seen, confidence, hedged."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="racegraph subgraph")
    for node in data.graph.nodes.values():
        graph.add_node(node.id, label=node.name, name=node.name, kind=node.kind)
    for edge in data.graph.edges.values():
        attributes = {"type": edge.type, **edge.stats}
        graph.add_edge(edge.source, edge.target, key=edge.type, label=edge.type, **_present(attributes))
    return graph
