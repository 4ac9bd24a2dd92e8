"""A projection as an undirected weighted igraph graph, the input of communities and centrality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import igraph
import numpy as np
import numpy.typing as npt

from graph.insights import Projection
from graph.records import EntityRecord


class Weight(StrEnum):
    """What an edge's weight counts."""

    SOURCES = "SOURCES"
    CLAIMS = "CLAIMS"


@dataclass(frozen=True)
class Network:
    """Entities sorted by id (vertex i is `entities[i]`) and one undirected edge per entity pair, weighted
    by the pair's sources or claims summed over both directions. `ends` and `weights` hold the edges as
    arrays, in igraph's edge order."""

    entities: tuple[EntityRecord, ...]
    graph: igraph.Graph
    ends: npt.NDArray[np.int64]  # shape (edges, 2)
    weights: npt.NDArray[np.float64]
    vertex: dict[str, int]  # entity id -> vertex


def build_network(projection: Projection, weight: Weight) -> Network:
    """Return the network of a projection. Vertices and edges are in id order whatever order the graph
    was read in, so a seeded computation gives the same answer for the same graph."""
    entities = tuple(sorted(projection.entities, key=lambda e: e.id))
    vertex = {e.id: i for i, e in enumerate(entities)}
    pairs: Counter[tuple[int, int]] = Counter()
    for edge in projection.edges:
        a, b = vertex[edge.source], vertex[edge.target]
        pairs[(a, b) if a < b else (b, a)] += edge.sources if weight is Weight.SOURCES else edge.claims
    ordered = sorted(pairs)
    ends = np.array(ordered, dtype=np.int64).reshape(-1, 2)
    weights = np.array([pairs[p] for p in ordered], dtype=np.float64)
    graph = igraph.Graph(n=len(entities), edges=ordered, directed=False)
    graph.es["weight"] = weights.tolist()
    return Network(entities, graph, ends, weights, vertex)
