"""What the read side returns: typed, frozen records built once from a row in `GraphReader`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A row of a read that has no record of its own yet (counts, statistics, claims, articles).
Row = dict[str, Any]

# Stored on every entity, so fields of the record rather than kind-specific properties; `alias_text` and
# `name_key` only serve the indexes.
_ENTITY_FIELDS = frozenset({"id", "name", "kind", "aliases", "alias_text", "name_key", "created_at"})


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """An entity: canonical name, kind, aliases, and what varies by kind (ISO codes, roles...) in
    `properties`. A subgraph node or an end of an edge carries only id, name and kind."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    created_at: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Row) -> EntityRecord:
        """Return the record of an entity map as the Cypher reads project it."""
        return cls(
            row["id"], row["name"], row["kind"], tuple(row.get("aliases") or ()), row.get("created_at"),
            {k: v for k, v in row.items() if k not in _ENTITY_FIELDS},
        )

    def summary(self) -> dict[str, str]:
        """Return `{id, name, kind}`, how subgraphs and edges show an entity."""
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """An aggregated edge between two entity ids: its relation type and the figures over its claims
    (claims, articles, first_seen, last_seen, confidence, hedged) in `stats`."""

    type: str
    source: str
    target: str
    stats: Mapping[str, Any]

    @property
    def key(self) -> tuple[str, str, str]:
        """(type, source id, target id), as the graph stores the edge."""
        return (self.type, self.source, self.target)

    def as_row(self) -> Row:
        """Return `{type, source, target, **stats}`, how subgraphs serialise an edge."""
        return {"type": self.type, "source": self.source, "target": self.target, **self.stats}


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """An aggregated relation with its two ends (id, name and kind each) and its figures in `stats`."""

    type: str
    subject: EntityRecord
    object: EntityRecord
    stats: Mapping[str, Any]

    @classmethod
    def from_row(cls, row: Row) -> RelationRecord:
        """Return the record of a `{type, subject, object, stats}` row."""
        subject, obj = row["subject"], row["object"]
        return cls(
            row["type"], EntityRecord(subject["id"], subject["name"], subject["kind"]),
            EntityRecord(obj["id"], obj["name"], obj["kind"]), row["stats"],
        )


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article without its text, as article lists show it."""

    id: str
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    ingested_at: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> ArticleRecord:
        """Return the record of an article map; fields the query did not project are None."""
        return cls(
            row["id"], row.get("external_id"), row.get("title"), row.get("url"), row.get("source"),
            row.get("published"), row.get("ingested_at"),
        )

    def as_row(self) -> Row:
        """Return the fields as a map, in the order article lists serialise them."""
        return {
            "id": self.id, "external_id": self.external_id, "title": self.title, "url": self.url,
            "source": self.source, "published": self.published, "ingested_at": self.ingested_at,
        }
