"""Mutations: ingest articles."""

from __future__ import annotations

import datetime

import strawberry

from app.graphql.context import Info
from nlp.load import parse_record


@strawberry.input(description="An article to ingest.")
class ArticleInput:
    text: str = strawberry.field(description="Article body.")
    title: str | None = strawberry.field(default=None, description="Headline.")
    published: datetime.date | None = strawberry.field(default=None, description="Publication date.")
    url: str | None = strawberry.field(default=None, description="Where it was published.")
    source: str | None = strawberry.field(default=None, description="Publisher.")
    id: str | None = strawberry.field(default=None, description="Your id for the article.")


@strawberry.type(description="What an ingest did.")
class IngestResult:
    ingested: list[strawberry.ID] = strawberry.field(description="Ids of the articles stored now.")
    duplicates: list[str] = strawberry.field(description="Inputs skipped because their text is already stored.")
    replaced: list[strawberry.ID] = strawberry.field(description="Older texts at the same URL, replaced.")
    claims: int = strawberry.field(description="Claims written.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Extract and store one article; the same text twice is stored once.")
    async def ingest_article(self, info: Info, input: ArticleInput) -> IngestResult:
        record = {k: v for k, v in vars(input).items() if v is not None}
        record.setdefault("id", "graphql")
        article = parse_record(record, "input")
        report = await info.context.service.ingest([article], workers=1)
        return IngestResult(
            ingested=[strawberry.ID(i) for i in report.ingested],
            duplicates=report.duplicates,
            replaced=[strawberry.ID(i) for i in report.replaced],
            claims=report.claims,
        )
