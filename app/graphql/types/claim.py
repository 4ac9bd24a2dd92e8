"""Claims: one fact as one article reports it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.types.article import Article
from app.graphql.types.entity import Entity, RelationType, entity_from_record
from graph.records import ClaimRecord, EntityRecord


@strawberry.type(description="One fact as one article reports it, with its evidence.")
class Claim:
    id: strawberry.ID = strawberry.field(description="Stable claim id.")
    type: RelationType = strawberry.field(description="Relation type.")
    subject_id: strawberry.ID = strawberry.field(description="Subject entity id.")
    object_id: strawberry.ID = strawberry.field(description="Object entity id.")
    date: str | None = strawberry.field(description="When the fact happened: YYYY-MM-DD, YYYY-MM or YYYY.")
    confidence: float = strawberry.field(description="Extractor confidence in [0, 1].")
    hedged: bool = strawberry.field(description="Presented as likely, planned or from an unnamed source.")
    item: str | None = strawberry.field(description="Restricted goods, or a person's role.")
    evidence: str = strawberry.field(description="The sentence stating the fact.")
    start: int = strawberry.field(description="Character offset of the evidence in the article.")
    end: int = strawberry.field(description="End offset of the evidence.")
    extractor_version: str = strawberry.field(description="Versions of the extraction components.")
    article: Article = strawberry.field(description="The article that reports it.")
    known_subject: strawberry.Private[EntityRecord | None]
    known_object: strawberry.Private[EntityRecord | None]

    @strawberry.field(description="The subject entity.")
    async def subject(self, info: Info) -> Annotated[Entity, strawberry.lazy("app.graphql.types.entity")] | None:
        return await _entity(info, self.known_subject, str(self.subject_id))

    @strawberry.field(description="The object entity.")
    async def object(self, info: Info) -> Annotated[Entity, strawberry.lazy("app.graphql.types.entity")] | None:
        return await _entity(info, self.known_object, str(self.object_id))

    @classmethod
    def from_record(cls, record: ClaimRecord) -> Claim:
        return cls(
            id=strawberry.ID(record.id), type=RelationType(record.type), subject_id=strawberry.ID(record.subject_id),
            object_id=strawberry.ID(record.object_id), date=record.date, confidence=record.confidence,
            hedged=record.hedged, item=record.item, evidence=record.evidence, start=record.start, end=record.end,
            extractor_version=record.extractor_version, article=Article.from_record(record.article),
            known_subject=record.subject, known_object=record.object,
        )


async def _entity(info: Info, known: EntityRecord | None, entity_id: str) -> Entity | None:
    """The entity from the claim's own record when the read brought it, else through the loader."""
    if known:
        return entity_from_record(known)
    record = await info.context.entity_by_id.load(entity_id)
    return entity_from_record(record) if record else None
