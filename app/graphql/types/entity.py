"""Entities and the aggregated relations between them."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from app.graphql.types.article import Claim
from nlp.records import Kind as KindValue
from nlp.records import RelType as RelTypeValue

EntityKind = strawberry.enum(Enum("EntityKind", {k.name: k.value for k in KindValue}), description="Entity kind.")
RelationType = strawberry.enum(
    Enum("RelationType", {t.name: t.value for t in RelTypeValue}), description="Relation type."
)

_ENTITY_FIELDS = ("id", "name", "kind", "aliases", "alias_text", "created_at")


@strawberry.type(description="A canonical country, person, organization, alliance, policy, product, event or place.")
class Entity:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. `country:united-states`.")
    name: str = strawberry.field(description="Canonical name.")
    kind: EntityKind = strawberry.field(description="What the entity is.")  # type: ignore[valid-type]
    aliases: list[str] = strawberry.field(description="Other names seen in articles.")
    properties: JSON = strawberry.field(description="Kind-specific facts (ISO codes, roles...).")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Entity:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row["name"],
            kind=EntityKind(row["kind"]),
            aliases=list(row.get("aliases") or []),
            properties={k: v for k, v in row.items() if k not in _ENTITY_FIELDS and isinstance(v, str | int | float)},
        )


@strawberry.type(description="An aggregated edge between two entities: every claim of one type between them.")
class Relation:
    type: RelationType = strawberry.field(description="Relation type.")  # type: ignore[valid-type]
    subject: Entity = strawberry.field(description="Subject (for symmetric types, the first of the pair).")
    object: Entity = strawberry.field(description="Object.")
    claim_count: int = strawberry.field(description="Number of claims behind the edge.")
    article_count: int = strawberry.field(description="Number of distinct articles reporting it.")
    first_seen: str | None = strawberry.field(description="Earliest claim date.")
    last_seen: str | None = strawberry.field(description="Latest claim date.")
    confidence: float = strawberry.field(description="Combined confidence of the claims.")
    hedged: bool = strawberry.field(description="True when every claim behind it is hedged.")

    @strawberry.field(description="The claims behind this edge, each with its evidence and article.")
    async def claims(self, info: strawberry.Info) -> list[Claim]:
        rows = await info.context.claims_by_pair.load((self.type.value, str(self.subject.id), str(self.object.id)))
        return [Claim.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Relation:
        stats = row["stats"]
        return cls(
            type=RelationType(row["type"]),
            subject=Entity.from_row(row["subject"]),
            object=Entity.from_row(row["object"]),
            claim_count=stats.get("claims", 0),
            article_count=stats.get("articles", 0),
            first_seen=stats.get("first_seen"),
            last_seen=stats.get("last_seen"),
            confidence=stats.get("confidence", 0.0),
            hedged=bool(stats.get("hedged", False)),
        )
