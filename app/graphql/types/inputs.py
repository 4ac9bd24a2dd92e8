"""Input and enum types shared by several queries."""

from __future__ import annotations

from enum import Enum

import strawberry

from app.errors import BadRequest
from app.graphql.context import Info
from app.graphql.types.entity import RelationType, type_values
from graph.read import RelationFilter

MAX_MIN_SOURCES = 1000


@strawberry.enum(description="How to order relations (largest first).")
class RelationOrder(Enum):
    CLAIMS = "CLAIMS"
    LAST_SEEN = "LAST_SEEN"
    CONFIDENCE = "CONFIDENCE"


@strawberry.enum(description="How to order entities.")
class EntityOrder(Enum):
    RELEVANCE = "RELEVANCE"
    NAME = "NAME"


@strawberry.enum(description="What to group claim counts by.")
class StatsGroup(Enum):
    TYPE = "TYPE"
    MONTH = "MONTH"
    COUNTRY = "COUNTRY"


@strawberry.input(description="Which facts to include. Entities are given by id or canonical name.")
class RelationFilterInput:
    types: list[RelationType] | None = strawberry.field(
        default=None, description="Relation types (all when omitted)."
    )
    subject: str | None = strawberry.field(default=None, description="Subject entity (either end if symmetric).")
    object: str | None = strawberry.field(default=None, description="Object entity (either end if symmetric).")
    entity: str | None = strawberry.field(default=None, description="An entity at either end.")
    since: str | None = strawberry.field(default=None, description="Seen on or after this date (YYYY[-MM[-DD]]).")
    until: str | None = strawberry.field(default=None, description="Seen on or before this date.")
    min_confidence: float = strawberry.field(default=0.0, description="Lowest combined confidence.")
    min_sources: int = strawberry.field(
        default=1,
        description=f"Fewest independent sources: distinct articles reporting the fact (1 to {MAX_MIN_SOURCES}).",
    )
    include_hedged: bool = strawberry.field(default=True, description="Include facts only ever reported hedged.")
    source: str | None = strawberry.field(default=None, description="Only facts reported by this publisher.")


def check_min_sources(value: int) -> int:
    """Return a count of independent sources; raise BadRequest outside 1..MAX_MIN_SOURCES."""
    if not 1 <= value <= MAX_MIN_SOURCES:
        raise BadRequest(f"minSources must be between 1 and {MAX_MIN_SOURCES}")
    return value


async def to_filter(info: Info, given: RelationFilterInput | None) -> RelationFilter:
    """Return the graph filter for the input, entity names resolved to ids; raise NotFound/BadRequest."""
    given = given or RelationFilterInput()
    service = info.context.service
    return RelationFilter(
        types=tuple(type_values(given.types)),
        subject=await service.resolve_entity_id(given.subject) if given.subject else None,
        object=await service.resolve_entity_id(given.object) if given.object else None,
        entity=await service.resolve_entity_id(given.entity) if given.entity else None,
        min_confidence=given.min_confidence,
        min_sources=check_min_sources(given.min_sources),
        include_hedged=given.include_hedged,
        since=service.check_date(given.since),
        until=service.check_date(given.until),
        source=given.source,
    )
