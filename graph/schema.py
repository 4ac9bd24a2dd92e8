"""What the graph allows: entity kinds, relation types and their subject -> object patterns."""

from __future__ import annotations

from enum import StrEnum

from nlp.records import SYMMETRIC_TYPES, Kind, RelType

__all__ = ["Kind", "RelType", "SYMMETRIC_TYPES", "PATTERNS", "DropReason", "allows"]

_ACTORS = frozenset({Kind.COUNTRY, Kind.PERSON, Kind.ORGANIZATION, Kind.ALLIANCE})

# Allowed (subject kinds, object kinds) per relation type; the guideline's table.
PATTERNS: dict[RelType, tuple[frozenset[Kind], frozenset[Kind]]] = {
    RelType.ANNOUNCED: (
        _ACTORS,
        frozenset({Kind.POLICY, Kind.PRODUCT, Kind.ORGANIZATION, Kind.EVENT, Kind.ALLIANCE}),
    ),
    RelType.RESTRICTED: (_ACTORS, _ACTORS | {Kind.PRODUCT, Kind.LOCATION}),
    RelType.MET_WITH: (_ACTORS, _ACTORS),
    RelType.ALLIED_WITH: (_ACTORS | {Kind.POLICY}, _ACTORS | {Kind.POLICY}),
    RelType.AFFILIATED_WITH: (
        frozenset({Kind.PERSON}),
        frozenset({Kind.ORGANIZATION, Kind.COUNTRY, Kind.ALLIANCE, Kind.LOCATION}),
    ),
}


class DropReason(StrEnum):
    """Why `graph.build` left a relation out of the graph."""

    PATTERN = "pattern"  # subject/object kinds not allowed for the type
    SELF_LOOP = "self_loop"  # subject and object are the same entity
    UNKNOWN_ENTITY = "unknown_entity"  # subject or object id not among the article's entities
    DUPLICATE = "duplicate"  # the same fact twice in one article


def allows(rel_type: RelType, subject: Kind, obj: Kind) -> bool:
    """Return True when `subject -[rel_type]-> obj` fits the schema (either way for symmetric types)."""
    subjects, objects = PATTERNS[rel_type]
    if subject in subjects and obj in objects:
        return True
    return rel_type in SYMMETRIC_TYPES and obj in subjects and subject in objects
