"""Article queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.permissions import CanRead
from app.graphql.types.article import Article
from app.graphql.types.pagination import Connection, decode_cursor, page


@strawberry.type
class ArticleQueries:
    @strawberry.field(
        description="Articles, newest first, optionally by date range and publisher.", permission_classes=[CanRead]
    )
    async def articles(
        self,
        info: Info,
        since: str | None = None,
        until: str | None = None,
        # `source` collides with the resolver's own first argument in Strawberry, hence the alias.
        publisher: Annotated[
            str | None, strawberry.argument(name="source", description="Only articles from this publisher.")
        ] = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Article]:
        service = info.context.service
        first, skip = service.check_page(first), decode_cursor(after)
        since, until = service.check_date(since), service.check_date(until)
        rows = await service.reader.articles(since, until, publisher, skip, first + 1)
        return page(
            [Article.from_record(r) for r in rows], skip, first,
            lambda: service.reader.count_articles(since, until, publisher),
        )

    @strawberry.field(
        description="One article with its text, mentioned entities and claims; null when absent. "
        "The JSON twin of the /articles/{id} page.",
        permission_classes=[CanRead],
    )
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        detail = await info.context.article_detail.load(str(id))
        return Article.from_record(detail.article) if detail else None
