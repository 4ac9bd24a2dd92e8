"""Aggregated relations between entities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry

from app.errors import BadRequest
from app.graphql.context import Info
from app.graphql.types.claim import Claim
from app.graphql.types.entity import Entity, RelationType, entity_from_record
from app.graphql.types.inputs import MAX_MIN_SOURCES, check_min_sources
from graph.events import group_reports
from graph.records import RelationRecord

DEFAULT_CLAIMS = 20
"""Claims an edge shows unless asked for more: an edge between two hubs can have thousands."""
MAX_WINDOW_DAYS = 3660
"""The widest `events` window, ten years: wider only merges every report into one event."""


@strawberry.type(
    description="Reports of one fact close enough in time to be one event (see `Relation.events`); not to be "
    "confused with the `Event` entity kind."
)
class RelationEvent:
    first_seen: str | None = strawberry.field(description="Earliest report date (null for the undated reports).")
    last_seen: str | None = strawberry.field(description="Latest report date.")
    claim_count: int = strawberry.field(description="Claims reporting it.")
    source_count: int = strawberry.field(description="Distinct articles reporting it: its independent sources.")


@strawberry.type(description="An aggregated edge: every claim of one type between two entities.")
class Relation:
    type: RelationType = strawberry.field(description="Relation type.")
    subject: Entity = strawberry.field(description="Subject (for symmetric types, the first of the pair).")
    object: Entity = strawberry.field(description="Object.")
    claim_count: int = strawberry.field(description="Number of claims behind the edge.")
    article_count: int = strawberry.field(description="Number of distinct articles reporting it.")
    first_seen: str | None = strawberry.field(description="Earliest claim date.")
    last_seen: str | None = strawberry.field(description="Latest claim date.")
    confidence: float = strawberry.field(description="Combined confidence of the claims.")
    hedged: bool = strawberry.field(description="True when every claim behind it is hedged.")

    @strawberry.field(
        description=f"The claims behind this edge, newest first, each with evidence and article: the {DEFAULT_CLAIMS} "
        "newest unless `first` says otherwise (`claimCount` says how many there are in all)."
    )
    async def claims(
        self,
        info: Info,
        first: Annotated[
            int,
            strawberry.argument(
                description="How many of the newest, from 1 to the server's largest page size (100 unless configured)."
            ),
        ] = DEFAULT_CLAIMS,
    ) -> list[Claim]:
        limit = info.context.service.check_page(first)
        rows = await info.context.claims_of(limit).load((self.type.value, str(self.subject.id), str(self.object.id)))
        return [Claim.from_record(r) for r in rows]

    @strawberry.field(
        description="The reports behind this edge grouped into events, oldest first: reports whose dates (the "
        "claim's, else its article's; a month stands for its whole span) lie within `windowDays` of each other are "
        "one event, counted once with its sources. A report dated more vaguely than the window (a bare year) joins "
        "the first event it overlaps; undated reports make one event, last."
    )
    async def events(
        self,
        info: Info,
        window_days: Annotated[
            int, strawberry.argument(description=f"Days between reports of one event, 0 to {MAX_WINDOW_DAYS}.")
        ] = 30,
        min_sources: Annotated[
            int,
            strawberry.argument(
                description=f"Keep only events reported by at least this many articles (1 to {MAX_MIN_SOURCES})."
            ),
        ] = 1,
    ) -> list[RelationEvent]:
        if not 0 <= window_days <= MAX_WINDOW_DAYS:
            raise BadRequest(f"windowDays must be between 0 and {MAX_WINDOW_DAYS}")
        check_min_sources(min_sources)
        reports = await info.context.reports_of.load((self.type.value, str(self.subject.id), str(self.object.id)))
        return [
            RelationEvent(
                first_seen=e.first_seen, last_seen=e.last_seen, claim_count=e.claims, source_count=len(e.articles)
            )
            for e in group_reports(reports, window_days)
            if len(e.articles) >= min_sources
        ]

    @classmethod
    def from_record(cls, record: RelationRecord) -> Relation:
        return cls.between(
            record.type, entity_from_record(record.subject), entity_from_record(record.object), record.stats
        )

    @classmethod
    def between(cls, type_: str, subject: Entity, object_: Entity, stats: Mapping[str, Any]) -> Relation:
        """The edge of type `type_` from `subject` to `object_` with its aggregated figures."""
        return cls(
            type=RelationType(type_),
            subject=subject,
            object=object_,
            claim_count=stats.get("claims", 0),
            article_count=stats.get("articles", 0),
            first_seen=stats.get("first_seen"),
            last_seen=stats.get("last_seen"),
            confidence=stats.get("confidence", 0.0),
            hedged=bool(stats.get("hedged", False)),
        )


@strawberry.type(description="A shortest path: the hops from one entity to another.")
class Path:
    hops: list[Relation] = strawberry.field(description="The edges in order, each with its newest claims.")

    @strawberry.field(description="Number of hops.")
    def length(self) -> int:
        return len(self.hops)


@strawberry.type(description="Entities around a seed and the edges between them.")
class Neighborhood:
    nodes: list[Entity] = strawberry.field(description="The seed and the entities reached.")
    edges: list[Relation] = strawberry.field(description="Aggregated edges between them.")
    truncated: bool = strawberry.field(description="The node limit cut the expansion short.")
