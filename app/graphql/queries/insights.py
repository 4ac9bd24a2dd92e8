"""Graph insights: communities, centrality, trends and movers over a projection of the graph (the edges
of the chosen types, window and kinds), cached until the graph changes."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.entity import EntityKind, RelationType, entity_from_record, type_values
from app.graphql.types.insights import (
    CentralityMeasure,
    CentralityScore,
    Communities,
    Community,
    EdgeWeight,
    Mover,
    TrendPoint,
)
from app.insights.arguments import check_resolution, check_window, projection_filter
from app.insights.periods import Interval
from app.service import Racegraph
from graph.insights import ProjectionFilter
from nlp.records import RelType

Types = Annotated[list[RelationType] | None, strawberry.argument(description="Relation types (all when omitted).")]
Since = Annotated[str | None, strawberry.argument(description="Claims dated on or after this day (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, strawberry.argument(description="Claims dated on or before this day.")]
Kinds = Annotated[
    list[EntityKind] | None,
    strawberry.argument(description="Only entities of these kinds, at both ends (all when omitted)."),
]
MinClaims = Annotated[int, strawberry.argument(description="Fewest claims behind an entity pair, over the types.")]
WeightArg = Annotated[EdgeWeight, strawberry.argument(description="What weighs an edge.")]
Resolution = Annotated[
    float,
    strawberry.argument(description="Leiden resolution, more than 0 and at most 10: higher, smaller communities."),
]


def _projection(
    service: Racegraph, types: list[RelationType] | None, since: str | None, until: str | None,
    kinds: list[EntityKind] | None, min_claims: int,
) -> ProjectionFilter:
    return projection_filter(
        service, type_values(types), since, until, [k.value for k in kinds] if kinds else None, min_claims
    )


@strawberry.type
class InsightQueries:
    @strawberry.field(
        description="Communities (Leiden, fixed seed) of the entities linked by the chosen relation types in a "
        "window (by claim date, else article date), largest first.",
        permission_classes=[CanRead],
    )
    async def communities(
        self, info: Info, types: Types = None, since: Since = None, until: Until = None, min_claims: MinClaims = 1,
        kinds: Kinds = None, weight: WeightArg = EdgeWeight.SOURCES, resolution: Resolution = 1.0, first: int = 20,
    ) -> Communities:
        service = info.context.service
        where = _projection(service, types, since, until, kinds, min_claims)
        limit = service.check_page(first)
        partition = await service.insights.partition(where, weight, check_resolution(resolution))
        return Communities(
            total_count=len(partition.communities), modularity=partition.modularity,
            graph_version=service.insights.cache.version or 0,
            communities=[Community.from_record(c) for c in partition.communities[:limit]],
        )

    @strawberry.field(
        description="The community of one entity (id or name) under the same arguments as `communities`; null when "
        "it has no edge in the projection.",
        permission_classes=[CanRead],
    )
    async def community_of(
        self, info: Info, entity: str, types: Types = None, since: Since = None, until: Until = None,
        min_claims: MinClaims = 1, kinds: Kinds = None, weight: WeightArg = EdgeWeight.SOURCES,
        resolution: Resolution = 1.0,
    ) -> Community | None:
        service = info.context.service
        where = _projection(service, types, since, until, kinds, min_claims)
        entity_id = await service.resolve_entity_id(entity)
        partition = await service.insights.partition(where, weight, check_resolution(resolution))
        found = partition.of(entity_id)
        return Community.from_record(found) if found else None

    @strawberry.field(
        description="Entities ranked by centrality in the projection, the most central first (see CentralityMeasure).",
        permission_classes=[CanRead],
    )
    async def centrality(
        self, info: Info, measure: CentralityMeasure, types: Types = None, since: Since = None, until: Until = None,
        kinds: Kinds = None, min_claims: MinClaims = 1, weight: WeightArg = EdgeWeight.SOURCES, first: int = 20,
    ) -> list[CentralityScore]:
        service = info.context.service
        where = _projection(service, types, since, until, kinds, min_claims)
        limit = service.check_page(first)
        ranking = await service.insights.ranking(where, weight, measure)
        return [CentralityScore.from_record(rank, r) for rank, r in enumerate(ranking[:limit], start=1)]

    @strawberry.field(
        description="An entity's claims and sources per period and relation type, by claim date (article date when "
        "the claim has none; a claim dated only by month or year counts in the period holding its first day).",
        permission_classes=[CanRead],
    )
    async def trends(
        self, info: Info, entity: str, types: Types = None, interval: Interval = Interval.MONTH,
        since: Since = None, until: Until = None,
    ) -> list[TrendPoint]:
        service = info.context.service
        since, until = check_window(service, since, until)
        entity_id = await service.resolve_entity_id(entity)
        chosen = frozenset(RelType(t) for t in type_values(types))
        points = await service.insights.trend(entity_id, chosen, interval, since, until)
        return [TrendPoint.from_record(p) for p in points]

    @strawberry.field(
        description="Entities whose claims (of the chosen types) rose or fell the most between the latest period "
        "holding a claim and the period before it, the largest change first.",
        permission_classes=[CanRead],
    )
    async def movers(
        self, info: Info, types: Types = None, period: Interval = Interval.MONTH, first: int = 20
    ) -> list[Mover]:
        service = info.context.service
        limit = service.check_page(first)
        chosen = frozenset(RelType(t) for t in type_values(types))
        found = (await service.insights.movers(chosen, period))[:limit]
        entities = await info.context.entity_by_id.load_many([m.entity_id for m in found])
        return [
            Mover(entity=entity_from_record(e), current=m.current, previous=m.previous, change=m.change)
            for m, e in zip(found, entities, strict=True)
            if e is not None
        ]
