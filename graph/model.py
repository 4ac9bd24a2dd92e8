"""Rows written to Neo4j: one typed record per node or edge, built by `graph.build`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field

from nlp.records import Kind, RelType

Pair = tuple[str, str, str]  # (type, subject_id, object_id) of an aggregated edge


def pair_rows(pairs: Iterable[Pair]) -> list[dict[str, str]]:
    """Return the pairs as query rows {type, subject_id, object_id}, each once, sorted: the lock order."""
    return [{"type": t, "subject_id": s, "object_id": o} for t, s, o in sorted(set(pairs))]


class ArticleRow(BaseModel):
    """An `(:Article)` node."""

    id: str
    sha256: str
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    text: str


class EntityRow(BaseModel):
    """An `(:Entity)` node with its kind label."""

    id: str
    name: str
    kind: Kind
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, str] = Field(default_factory=dict)


class MentionRow(BaseModel):
    """An `(:Article)-[:MENTIONS {spans}]->(:Entity)` edge; spans are flat [start, end, start, end, ...]."""

    entity_id: str
    spans: list[int] = Field(default_factory=list)


class ClaimRow(BaseModel):
    """A `(:Claim)` node: one extracted fact, with its subject, object and article."""

    id: str
    type: RelType
    subject_id: str
    object_id: str
    date: str | None = None
    confidence: float
    hedged: bool
    item: str | None = None
    evidence: str
    start: int
    end: int
    extractor_version: str


class ArticleGraph(BaseModel):
    """Everything one article adds to the graph; written in one transaction."""

    article: ArticleRow
    entities: list[EntityRow] = Field(default_factory=list)
    mentions: list[MentionRow] = Field(default_factory=list)
    claims: list[ClaimRow] = Field(default_factory=list)
    dropped: Counter[str] = Field(default_factory=Counter, description="Relations left out, by DropReason.")
