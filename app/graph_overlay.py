"""What the graph view's "colour by community" and "size by centrality" read: the community and the
centrality score of each shown node, from the insights (cached per graph version) over the shown graph's
relation types, window and fewest claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from app.insights.centrality import Measure
from app.insights.network import Weight
from app.service import Racegraph
from app.subgraph_query import SubgraphQuery
from graph.insights import ProjectionFilter

NodeColor = Literal["kind", "community"]
NodeSize = Literal["links", "pagerank", "betweenness", "degree", "eigenvector"]

# The `communities` and `centrality` queries' defaults: the view and GraphQL share the cached answers.
OVERLAY_WEIGHT = Weight.SOURCES
OVERLAY_RESOLUTION = 1.0


def overlay_projection(query: SubgraphQuery) -> ProjectionFilter:
    """Return the projection the overlay is computed on: the subgraph's types, window and fewest claims."""
    return ProjectionFilter(frozenset(query.types), query.since, query.until, None, query.min_claims)


async def node_communities(
    service: Racegraph, where: ProjectionFilter, node_ids: Sequence[str]
) -> tuple[dict[str, int | None], list[dict[str, Any]]]:
    """Return each node's community id (None when it has no edge in the projection), and the communities
    among the nodes, the most shown first: `{id, label, size, shown}` (size: members in the whole graph)."""
    partition = await service.insights.partition(where, OVERLAY_WEIGHT, OVERLAY_RESOLUTION)
    of_node = {node: partition.by_entity.get(node) for node in node_ids}
    shown = Counter(c for c in of_node.values() if c is not None)
    communities = [
        {"id": c, "label": partition.communities[c].label, "size": partition.communities[c].size, "shown": count}
        for c, count in sorted(shown.items(), key=lambda item: (-item[1], item[0]))
    ]
    return of_node, communities


async def node_centrality(
    service: Racegraph, where: ProjectionFilter, measure: Measure, node_ids: Sequence[str]
) -> dict[str, float | None]:
    """Return each node's score by `measure` in the projection (None when it has no edge there)."""
    ranking = await service.insights.ranking(where, OVERLAY_WEIGHT, measure)
    wanted = set(node_ids)
    scores = {r.entity.id: r.score for r in ranking if r.entity.id in wanted}
    return {node: scores.get(node) for node in node_ids}


async def overlay_data(
    service: Racegraph, query: SubgraphQuery, color: NodeColor, size: NodeSize, nodes: list[dict[str, Any]]
) -> dict[str, Any]:
    """Return what the colour and size options add to the subgraph: `nodes`, each with its `community`
    (when colouring by community) and `centrality` (when sizing by a measure), and `communities`, the
    legend (when colouring by community). Empty when both options are the defaults."""
    where = overlay_projection(query)
    node_ids = [node["id"] for node in nodes]
    overlay: dict[str, Any] = {}
    extra: dict[str, dict[str, Any]] = {node: {} for node in node_ids}
    if color == "community":
        of_node, overlay["communities"] = await node_communities(service, where, node_ids)
        for node, community in of_node.items():
            extra[node]["community"] = community
    if size != "links":
        for node, score in (await node_centrality(service, where, Measure(size.upper()), node_ids)).items():
            extra[node]["centrality"] = score
    if overlay or size != "links":
        overlay["nodes"] = [{**node, **extra[node["id"]]} for node in nodes]
    return overlay
