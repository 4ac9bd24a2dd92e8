"""What the read side returns: typed, frozen records built once from a row in `GraphReader`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A map as a Cypher read returns it, before `from_row` makes it a record.
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

    def projected(self) -> dict[str, str]:
        """Return `{name, id, kind}`: the order Neo4j gives `{.id, .name, .kind}`, in which JSON built
        from a claim's ends has always shown them."""
        return {"name": self.name, "id": self.id, "kind": self.kind}


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
class EntityWithRelationsRecord:
    """An entity with its strongest edges (`relations`, strongest first) and, for each entity those
    reach, that entity's strongest at the second hop's page size (`far_relations`, by entity id; the
    entity's own too when that size is another; empty when the second hop was not asked)."""

    entity: EntityRecord
    relations: tuple[RelationRecord, ...]
    far_relations: Mapping[str, tuple[RelationRecord, ...]]


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

    def citation(self) -> Row:
        """Return `{id, published, source, title, url}`, a claim's article in the order Neo4j gives
        `{.id, .title, .url, .source, .published}`."""
        return {"id": self.id, "published": self.published, "source": self.source, "title": self.title, "url": self.url}


# Stored on every claim (`date` and `item` only when known), plus the ends and the article a read may add.
_CLAIM_KEYS = frozenset({
    "id", "type", "subject_id", "object_id", "date", "confidence", "hedged", "item", "evidence", "start", "end",
    "extractor_version", "article_id", "published", "source", "created_at", "subject", "object", "article",
})


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One fact as one article reports it: the evidence and its offsets, its ends (id, name and kind) when
    the read brought them, and the article (id, title, url, source, published) that reports it.

    `keys` are the claim map's keys in the order Neo4j sent them: its `{.*}` order follows the store, not
    the query, and `as_row` keeps it so that JSON built from a record is the map's, byte for byte."""

    id: str
    type: str
    subject_id: str
    object_id: str
    confidence: float
    hedged: bool
    evidence: str
    start: int
    end: int
    article: ArticleRecord
    extractor_version: str = ""
    date: str | None = None
    item: str | None = None
    article_id: str | None = None
    published: str | None = None  # the article's, copied onto the claim when it was written
    source: str | None = None
    created_at: str | None = None
    subject: EntityRecord | None = None
    object: EntityRecord | None = None
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_row(cls, row: Row, article: ArticleRecord | None = None) -> ClaimRecord:
        """Return the record of a claim map; `article` is the claim's article when the map does not
        carry it (an article's own claims)."""
        return cls(
            row["id"], row["type"], row["subject_id"], row["object_id"], row["confidence"], row["hedged"],
            row["evidence"], row["start"], row["end"], article or ArticleRecord.from_row(row["article"]),
            row.get("extractor_version", ""), row.get("date"), row.get("item"), row.get("article_id"),
            row.get("published"), row.get("source"), row.get("created_at"), _end(row.get("subject")),
            _end(row.get("object")), tuple(k for k in row if k in _CLAIM_KEYS),
        )

    def as_row(self) -> Row:
        """Return the claim as the map it was read from: its keys in their order, the ends as
        `projected()` and the article as `citation()`."""
        return {key: _plain(getattr(self, key)) for key in self.keys}


def _end(row: Row | None) -> EntityRecord | None:
    return EntityRecord(row["id"], row["name"], row["kind"]) if row else None


def _plain(value: object) -> object:
    if isinstance(value, EntityRecord):
        return value.projected()
    if isinstance(value, ArticleRecord):
        return value.citation()
    return value


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """An entity an article mentions (id, name and kind) and where: flat spans [start, end, start, end...]."""

    id: str
    name: str
    kind: str
    spans: tuple[int, ...] = ()

    @classmethod
    def from_row(cls, row: Row) -> MentionRecord:
        """Return the record of a `{id, name, kind, spans}` map."""
        return cls(row["id"], row["name"], row["kind"], tuple(row.get("spans") or ()))

    def as_row(self) -> Row:
        """Return `{name, spans, id, kind}`, the order Neo4j gives `{.id, .name, .kind, spans: ...}`."""
        return {"name": self.name, "spans": list(self.spans), "id": self.id, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class ArticleDetailRecord:
    """An article with its text, the entities it mentions and its claims in text order (each claim's
    `article` is this one). `keys` keep the article map's order, as `ClaimRecord.keys` do."""

    article: ArticleRecord
    sha256: str
    text: str
    entities: tuple[MentionRecord, ...]
    claims: tuple[ClaimRecord, ...]
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_row(cls, row: Row, entities: list[Row], claims: list[Row]) -> ArticleDetailRecord:
        """Return the record of an article map (every stored property) with its mentions and claims."""
        article = ArticleRecord.from_row(row)
        return cls(
            article, row["sha256"], row["text"], tuple(MentionRecord.from_row(e) for e in entities),
            tuple(ClaimRecord.from_row(c, article) for c in claims), (*row, "entities", "claims"),
        )

    def as_row(self) -> Row:
        """Return the article map with `entities` and `claims` last, each as its `as_row()`."""
        fields: Row = {
            **self.article.as_row(), "sha256": self.sha256, "text": self.text,
            "entities": [e.as_row() for e in self.entities], "claims": [c.as_row() for c in self.claims],
        }
        return {key: fields[key] for key in self.keys if key in fields}


@dataclass(frozen=True, slots=True)
class GraphCounts:
    """How many articles, entities, claims and aggregated edges the graph holds."""

    articles: int
    entities: int
    claims: int
    relations: int


@dataclass(frozen=True, slots=True)
class KeyCount:
    """A count for one key: a relation type, an entity kind, a country or a month (YYYY-MM)."""

    key: str
    count: int
