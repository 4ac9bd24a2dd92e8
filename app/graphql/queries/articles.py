"""Article queries."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.types.article import Article


@strawberry.type
class ArticleQueries:
    @strawberry.field(description="The most recently ingested articles.")
    async def articles(self, info: Info, first: int = 20) -> list[Article]:
        service = info.context.service
        return [Article.from_row(r) for r in await service.reader.articles(service.check_page(first))]
