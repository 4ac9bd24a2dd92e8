"""Entity and relation queries."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.types.entity import Entity, Relation, RelationType


@strawberry.type
class EntityQueries:
    @strawberry.field(description="One entity by id, or null.")
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        row = await info.context.service.reader.entity(str(id))
        return Entity.from_row(row) if row else None

    @strawberry.field(description="Entities whose name or alias matches `search` (fuzzy, ranked); all by name without it.")
    async def entities(self, info: Info, search: str | None = None, first: int = 20) -> list[Entity]:
        service = info.context.service
        rows = await service.reader.search_entities(search, service.check_page(first))
        return [Entity.from_row(r) for r in rows]

    @strawberry.field(description="Aggregated relations, optionally of one type and touching one entity (id or name).")
    async def relations(
        self,
        info: Info,
        type: RelationType | None = None,  # type: ignore[valid-type]
        entity: str | None = None,
        first: int = 20,
    ) -> list[Relation]:
        service = info.context.service
        entity_id = await service.resolve_entity_id(entity) if entity else None
        rows = await service.reader.relations(type.value if type else None, entity_id, service.check_page(first))
        return [Relation.from_row(r) for r in rows]
