"""Articles and the claims extracted from them."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A news article that was ingested.")
class Article:
    id: strawberry.ID = strawberry.field(description="Graph id (a prefix of the text's sha256).")
    external_id: str | None = strawberry.field(description="The id the article had when it was ingested.")
    title: str | None = strawberry.field(description="Headline.")
    url: str | None = strawberry.field(description="Where it was published.")
    source: str | None = strawberry.field(description="Publisher.")
    published: str | None = strawberry.field(description="Publication date, YYYY-MM-DD.")
    ingested_at: str | None = strawberry.field(description="When racegraph stored it.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        return cls(
            id=strawberry.ID(row["id"]),
            external_id=row.get("external_id"),
            title=row.get("title"),
            url=row.get("url"),
            source=row.get("source"),
            published=row.get("published"),
            ingested_at=str(row["ingested_at"]) if row.get("ingested_at") else None,
        )


@strawberry.type(description="One fact as one article reports it, with its evidence.")
class Claim:
    id: strawberry.ID = strawberry.field(description="Stable claim id.")
    date: str | None = strawberry.field(description="When the fact happened: YYYY-MM-DD, YYYY-MM or YYYY.")
    confidence: float = strawberry.field(description="Extractor confidence in [0, 1].")
    hedged: bool = strawberry.field(description="Presented as likely, planned or from an unnamed source.")
    item: str | None = strawberry.field(description="Restricted goods, or a person's role.")
    evidence: str = strawberry.field(description="The sentence stating the fact.")
    start: int = strawberry.field(description="Character offset of the evidence in the article.")
    end: int = strawberry.field(description="End offset of the evidence.")
    extractor_version: str = strawberry.field(description="Versions of the extraction components.")
    article: Article = strawberry.field(description="The article that reports it.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=strawberry.ID(row["id"]),
            date=row.get("date"),
            confidence=row["confidence"],
            hedged=row["hedged"],
            item=row.get("item"),
            evidence=row["evidence"],
            start=row["start"],
            end=row["end"],
            extractor_version=row.get("extractor_version", ""),
            article=Article.from_row(row["article"]),
        )
