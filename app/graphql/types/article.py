"""Articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from app.graphql.context import Info
from graph.records import ArticleRecord

if TYPE_CHECKING:
    from app.graphql.types.claim import Claim


@strawberry.type(description="A news article that was ingested.")
class Article:
    id: strawberry.ID = strawberry.field(description="Graph id (a prefix of the text's sha256).")
    external_id: str | None = strawberry.field(description="The id the article had when it was ingested.")
    title: str | None = strawberry.field(description="Headline.")
    url: str | None = strawberry.field(description="Where it was published.")
    source: str | None = strawberry.field(description="Publisher.")
    published: str | None = strawberry.field(description="Publication date, YYYY-MM-DD.")
    ingested_at: str | None = strawberry.field(description="When racegraph stored it.")

    @strawberry.field(description="The article text; claim and mention offsets point into it.")
    async def text(self, info: Info) -> str:
        detail = await info.context.article_detail.load(str(self.id))
        return detail.text if detail else ""

    @strawberry.field(description="Entities the article mentions, with character spans [start, end, start, end...].")
    async def mentions(self, info: Info) -> list[JSON]:
        detail = await info.context.article_detail.load(str(self.id))
        return [JSON(e.as_row()) for e in detail.entities] if detail else []

    @strawberry.field(description="Claims extracted from the article, in text order.")
    async def claims(self, info: Info) -> list[Annotated[Claim, strawberry.lazy("app.graphql.types.claim")]]:
        from app.graphql.types.claim import Claim

        detail = await info.context.article_detail.load(str(self.id))
        return [Claim.from_record(c) for c in detail.claims] if detail else []

    @classmethod
    def from_record(cls, record: ArticleRecord) -> Article:
        return cls(
            id=strawberry.ID(record.id),
            external_id=record.external_id,
            title=record.title,
            url=record.url,
            source=record.source,
            published=record.published,
            ingested_at=record.ingested_at or None,
        )
