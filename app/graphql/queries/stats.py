"""Graph statistics."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.stats import Count, Stats


@strawberry.type
class StatsQueries:
    @strawberry.field(description="How big the graph is.", permission_classes=[CanRead])
    async def stats(self, info: Info) -> Stats:
        reader = info.context.service.reader
        counts = await reader.counts()
        by_kind, by_type = await reader.counts_by_kind_and_type()
        return Stats(
            articles=counts.articles, entities=counts.entities, claims=counts.claims, relations=counts.relations,
            entities_by_kind=[Count.from_record(c) for c in by_kind],
            relations_by_type=[Count.from_record(c) for c in by_type],
        )
