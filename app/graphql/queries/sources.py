"""Live sources (admin): what `racegraph watch` polls."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.permissions import IsAdmin
from app.graphql.types.source import Source, source_from_row
from app.sources import registry


@strawberry.type
class SourceQueries:
    @strawberry.field(description="Every source the watcher polls, with its state.", permission_classes=[IsAdmin])
    async def sources(self, info: Info) -> list[Source]:
        return [source_from_row(row) for row in await registry.list_sources(info.context.service)]
