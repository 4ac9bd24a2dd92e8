"""Centrality of every entity of a network, ranked.

These run in a worker thread, where an igraph error aborts the whole process (igraph's error handling is not
thread-safe: igraph/python-igraph#866). So igraph gets only calls whose inputs are valid by construction, and
eigenvector centrality, whose ARPACK solver can fail to converge, is a power iteration in numpy instead, as is
PageRank (igraph's PRPACK took 0.7 s on a graph the size of the bench's projection, this about a tenth)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from app.insights.network import Network
from graph.records import EntityRecord

EXACT_BETWEENNESS_LIMIT = 2000
"""Networks with more entities than this get betweenness from a sample of shortest-path sources."""
BETWEENNESS_SAMPLES = 200
"""Sources sampled for approximate betweenness (Brandes-Pich: each source's dependencies, scaled by
entities / samples)."""
SEED = 16
POWER_ITERATIONS = 1000
POWER_TOLERANCE = 1e-9
DAMPING = 0.85


class Measure(StrEnum):
    """How central an entity is in the projection (undirected, weighted by sources or claims)."""

    PAGERANK = "PAGERANK"
    BETWEENNESS = "BETWEENNESS"
    DEGREE = "DEGREE"
    EIGENVECTOR = "EIGENVECTOR"


@dataclass(frozen=True, slots=True)
class Ranked:
    """An entity and its score."""

    entity: EntityRecord
    score: float


def scores(network: Network, measure: Measure) -> list[float]:
    """Return each vertex's score: PageRank (summing to 1), betweenness over unweighted shortest paths
    (sampled above `EXACT_BETWEENNESS_LIMIT` entities), weighted degree, or eigenvector centrality
    (the largest 1)."""
    graph = network.graph
    if measure is Measure.PAGERANK:
        return [float(score) for score in pagerank(network)]
    if measure is Measure.DEGREE:
        return list(graph.strength(weights="weight"))
    if measure is Measure.EIGENVECTOR:
        return [float(score) for score in eigenvector(network)]
    count = len(network.entities)
    if count <= EXACT_BETWEENNESS_LIMIT:
        return list(graph.betweenness(directed=False))
    sources = sorted(random.Random(SEED).sample(range(count), BETWEENNESS_SAMPLES))
    scale = count / BETWEENNESS_SAMPLES
    return [b * scale for b in graph.betweenness(directed=False, sources=sources)]


def _spread(network: Network, scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return, for each vertex, the sum over its edges of the edge's weight times the score at the other end."""
    first, second, weights = network.ends[:, 0], network.ends[:, 1], network.weights
    count = len(network.entities)
    # With weights bincount sums floats (numpy's stubs type every bincount as integers).
    spread = np.bincount(first, weights * scores[second], count) + np.bincount(second, weights * scores[first], count)
    return np.asarray(spread, dtype=np.float64)


def pagerank(network: Network) -> npt.NDArray[np.float64]:
    """Return each vertex's PageRank on the undirected weighted network (damping 0.85), summing to 1. Every
    vertex has an edge, so no rank leaks away through a vertex without one."""
    count = len(network.entities)
    strength = _spread(network, np.ones(count))
    ranks = np.full(count, 1 / count)
    for _ in range(POWER_ITERATIONS):
        following = (1 - DAMPING) / count + DAMPING * _spread(network, ranks / strength)
        if np.abs(following - ranks).sum() < POWER_TOLERANCE:
            return following
        ranks = following
    return ranks


def eigenvector(network: Network) -> npt.NDArray[np.float64]:
    """Return the eigenvector centrality of each vertex, the largest 1: the leading eigenvector of the weighted
    adjacency matrix, by power iteration on A + I (the same eigenvectors, and no oscillation on bipartite graphs)."""
    scores = np.ones(len(network.entities))
    for _ in range(POWER_ITERATIONS):
        spread = scores + _spread(network, scores)
        spread /= spread.max()
        if np.abs(spread - scores).max() < POWER_TOLERANCE:
            return spread
        scores = spread
    return scores


def rank(network: Network, measure: Measure) -> tuple[Ranked, ...]:
    """Return every entity with its score, highest first, then by name."""
    if not network.entities:
        return ()
    ranked = (Ranked(e, float(s)) for e, s in zip(network.entities, scores(network, measure), strict=True))
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.entity.name, r.entity.id)))
