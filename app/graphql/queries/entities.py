"""Entity queries."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.lookahead import read_ahead
from app.graphql.permissions import CanRead
from app.graphql.types.entity import Entity, EntityKind, entity_from_record
from app.graphql.types.inputs import EntityOrder
from app.graphql.types.pagination import Connection, decode_cursor, page


@strawberry.type
class EntityQueries:
    @strawberry.field(description="One entity by id, or null.", permission_classes=[CanRead])
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        await read_ahead(info, str(id))
        row = await info.context.entity_by_id.load(str(id))
        return entity_from_record(row) if row else None

    @strawberry.field(
        description="Entities whose names or aliases match `search` (fuzzy, ranked by relevance); all by name "
        "without it.",
        permission_classes=[CanRead],
    )
    async def entities(
        self,
        info: Info,
        search: str | None = None,
        kinds: list[EntityKind] | None = None,
        first: int = 20,
        after: str | None = None,
        order_by: EntityOrder = EntityOrder.RELEVANCE,
    ) -> Connection[Entity]:
        service = info.context.service
        first, skip = service.check_page(first), decode_cursor(after)
        kind_values = [k.value for k in kinds] if kinds else None
        text = None if order_by is EntityOrder.NAME else service.check_search(search)
        rows = await service.reader.search_entities(text, kind_values, skip, first + 1)
        return page(
            [entity_from_record(r) for r in rows], skip, first, lambda: service.reader.count_entities(text, kind_values)
        )
