"""Relation queries: filtered edges with their evidence, and claim statistics."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.inputs import RelationFilterInput, RelationOrder, StatsGroup, to_filter
from app.graphql.types.pagination import Connection, decode_cursor, page
from app.graphql.types.relation import Relation
from app.graphql.types.stats import Count


@strawberry.type
class RelationQueries:
    @strawberry.field(
        description="Aggregated relations passing the filter, each with the claims (evidence, article, date) "
        "behind it.",
        permission_classes=[CanRead],
    )
    async def relations(
        self,
        info: Info,
        filter: RelationFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
        order_by: RelationOrder = RelationOrder.CLAIMS,
    ) -> Connection[Relation]:
        service = info.context.service
        first, skip = service.check_page(first), decode_cursor(after)
        where = await to_filter(info, filter)
        rows = await service.reader.relations(where, order_by.value, skip, first + 1)
        return page([Relation.from_record(r) for r in rows], skip, first, lambda: service.reader.count_relations(where))

    @strawberry.field(
        description="Claim counts for the filter, grouped by relation type, by country taking part, or by month.",
        permission_classes=[CanRead],
    )
    async def relation_stats(
        self, info: Info, group_by: StatsGroup, filter: RelationFilterInput | None = None
    ) -> list[Count]:
        counts = await info.context.service.reader.claim_stats(await to_filter(info, filter), group_by.value)
        return [Count.from_record(c) for c in counts]
