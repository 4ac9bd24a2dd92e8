"""Claims: one fact as one article reports it."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from app.graphql.context import Info
from app.graphql.types.article import Article
from app.graphql.types.entity import Entity, RelationType, entity_from_record, entity_from_row


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
    known: strawberry.Private[dict[str, dict[str, Any]]]

    @strawberry.field(description="The subject entity.")
    async def subject(self, info: Info) -> Annotated[Entity, strawberry.lazy("app.graphql.types.entity")] | None:
        return await _entity(info, self.known.get("subject"), str(self.subject_id))

    @strawberry.field(description="The object entity.")
    async def object(self, info: Info) -> Annotated[Entity, strawberry.lazy("app.graphql.types.entity")] | None:
        return await _entity(info, self.known.get("object"), str(self.object_id))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=strawberry.ID(row["id"]),
            type=RelationType(row["type"]),
            subject_id=strawberry.ID(row["subject_id"]),
            object_id=strawberry.ID(row["object_id"]),
            date=row.get("date"),
            confidence=row["confidence"],
            hedged=row["hedged"],
            item=row.get("item"),
            evidence=row["evidence"],
            start=row["start"],
            end=row["end"],
            extractor_version=row.get("extractor_version", ""),
            article=Article.from_row(row["article"]),
            known={k: row[k] for k in ("subject", "object") if row.get(k)},
        )


async def _entity(info: Info, known: dict[str, Any] | None, entity_id: str) -> Entity | None:
    """The entity from the claim's own row when the query brought it, else through the loader."""
    if known:
        return entity_from_row(known)
    record = await info.context.entity_by_id.load(entity_id)
    return entity_from_record(record) if record else None
