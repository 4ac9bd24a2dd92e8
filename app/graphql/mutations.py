"""Mutations: ingest, retract and merge. Every one needs an API key with the right role."""

from __future__ import annotations

import datetime

import strawberry

from app.errors import BadRequest
from app.graphql.context import Info
from app.graphql.permissions import CanIngest, IsAdmin
from app.graphql.types.entity import Entity, entity_from_record
from app.graphql.types.source import Source, source_from_row
from app.service import IngestReport
from app.sources import registry
from nlp.load import parse_record
from nlp.records import ArticleIn

MAX_BATCH = 100


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

    @classmethod
    def from_report(cls, report: IngestReport) -> IngestResult:
        return cls(
            ingested=[strawberry.ID(i) for i in report.ingested],
            duplicates=report.duplicates,
            replaced=[strawberry.ID(i) for i in report.replaced],
            claims=report.claims,
        )


def _article(info: Info, given: ArticleInput, number: int) -> ArticleIn:
    """Return the article of an input; raise BadRequest when it cannot be ingested."""
    record = {k: v for k, v in vars(given).items() if v is not None}
    record.setdefault("id", f"input-{number}")
    article = parse_record(record, f"input {number}")
    if reason := info.context.service.refusal(article):
        raise BadRequest(reason)
    return article


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Extract and store one article; the same text twice is stored once.", permission_classes=[CanIngest]
    )
    async def ingest_article(self, info: Info, input: ArticleInput) -> IngestResult:
        return IngestResult.from_report(await info.context.service.ingest([_article(info, input, 1)], workers=1))

    @strawberry.mutation(
        description=f"Extract and store up to {MAX_BATCH} articles in one call.", permission_classes=[CanIngest]
    )
    async def ingest_articles(self, info: Info, inputs: list[ArticleInput]) -> IngestResult:
        if not 1 <= len(inputs) <= MAX_BATCH:
            raise BadRequest(f"give between 1 and {MAX_BATCH} articles")
        articles = [_article(info, given, n) for n, given in enumerate(inputs, start=1)]
        return IngestResult.from_report(await info.context.service.ingest(articles, workers=1))

    @strawberry.mutation(
        description="Remove an article and its claims; edges are recomputed, entities left with nothing removed.",
        permission_classes=[IsAdmin],
    )
    async def delete_article(self, info: Info, id: strawberry.ID) -> bool:
        await info.context.service.delete_article(str(id))
        return True

    @strawberry.mutation(
        description="Merge entity `merge` into `keep` (ids or names): aliases united, claims moved, and later "
        "mentions of the merged entity land on the kept one.",
        permission_classes=[IsAdmin],
    )
    async def merge_entities(self, info: Info, keep: str, merge: str) -> Entity:
        return entity_from_record(await info.context.service.merge_entities(keep, merge))

    @strawberry.mutation(
        description="Add a feed (RSS or Atom), sitemap or page URL for the watcher to poll, due at once.",
        permission_classes=[IsAdmin],
    )
    async def add_source(
        self,
        info: Info,
        url: str,
        name: str | None = None,
        every: str = "15m",
        language: str = "en",
    ) -> Source:
        return source_from_row(
            await registry.add_source(info.context.service, url, name=name, every=every, language=language)
        )

    @strawberry.mutation(
        description="Remove a source by id or URL; the articles it brought stay. Returns its id.",
        permission_classes=[IsAdmin],
    )
    async def remove_source(self, info: Info, key: str) -> strawberry.ID:
        return strawberry.ID(await registry.remove_source(info.context.service, key))
