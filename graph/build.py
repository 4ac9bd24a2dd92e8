"""Turn an `Extraction` into the rows of one `ArticleGraph`, with deterministic ids.

Pure functions: nothing here touches Neo4j, so they are tested without a database.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from graph.model import ArticleGraph, ArticleRow, ClaimRow, EntityRow, MentionRow
from graph.schema import SYMMETRIC_TYPES, DropReason, allows
from nlp.records import ArticleIn, Extraction, Relation

ARTICLE_ID_LENGTH = 16


def article_id(article: ArticleIn) -> str:
    """Return the article's graph id: a prefix of its text's sha256, so the same text is the same article."""
    return article.sha256[:ARTICLE_ID_LENGTH]


def claim_id(article_key: str, subject_id: str, rel_type: str, object_id: str) -> str:
    """Return the id of a fact as reported by one article; stable across re-ingests."""
    key = "|".join((article_key, rel_type, subject_id, object_id))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def article_to_row(article: ArticleIn) -> ArticleRow:
    """Return the `(:Article)` row for an input article."""
    return ArticleRow(
        id=article_id(article),
        sha256=article.sha256,
        external_id=article.id,
        url=article.url,
        title=article.title,
        source=article.source,
        published=article.published.isoformat() if article.published else None,
        text=article.text,
    )


def _oriented(relation: Relation) -> tuple[str, str]:
    """Subject and object ids; symmetric types put the smaller id first so a pair is stored once."""
    pair = (relation.subject_id, relation.object_id)
    return tuple(sorted(pair)) if relation.type in SYMMETRIC_TYPES else pair  # type: ignore[return-value]


def claims_to_rows(
    article_key: str, extraction: Extraction, kinds: dict[str, str]
) -> tuple[list[ClaimRow], Counter[str]]:
    """Return the claim rows the schema allows, one per distinct fact, and counts of what was dropped.

    `kinds` maps entity id to kind. Of several relations stating one fact, the
    most confident is kept (the guideline annotates each fact once per article).
    """
    dropped: Counter[str] = Counter()
    best: dict[tuple[str, str, str], Relation] = {}
    for relation in extraction.relations:
        subject_kind, object_kind = kinds.get(relation.subject_id), kinds.get(relation.object_id)
        if subject_kind is None or object_kind is None:
            dropped[DropReason.UNKNOWN_ENTITY] += 1
        elif relation.subject_id == relation.object_id:
            dropped[DropReason.SELF_LOOP] += 1
        elif not allows(relation.type, subject_kind, object_kind):  # type: ignore[arg-type]
            dropped[DropReason.PATTERN] += 1
        else:
            subject_id, object_id = _oriented(relation)
            key = (relation.type.value, subject_id, object_id)
            if key in best:
                dropped[DropReason.DUPLICATE] += 1
                if relation.confidence <= best[key].confidence:
                    continue
            best[key] = relation
    rows = [
        ClaimRow(
            id=claim_id(article_key, subject_id, rel_type, object_id),
            type=relation.type,
            subject_id=subject_id,
            object_id=object_id,
            date=relation.date,
            confidence=relation.confidence,
            hedged=relation.hedged,
            item=relation.item,
            evidence=relation.evidence,
            start=relation.start,
            end=relation.end,
            extractor_version=extraction.extractor_version,
        )
        for (rel_type, subject_id, object_id), relation in best.items()
    ]
    return rows, dropped


def build_article_graph(article: ArticleIn, extraction: Extraction) -> ArticleGraph:
    """Return everything `article` adds to the graph, given what was extracted from it."""
    row = article_to_row(article)
    entities = [
        EntityRow(id=e.id, name=e.name, kind=e.kind, aliases=sorted(set(e.aliases)), properties=e.properties)
        for e in extraction.entities
    ]
    mentions = [
        MentionRow(entity_id=e.id, spans=[offset for m in e.mentions for offset in (m.start, m.end)])
        for e in extraction.entities
    ]
    claims, dropped = claims_to_rows(row.id, extraction, {e.id: e.kind for e in entities})
    return ArticleGraph(article=row, entities=entities, mentions=mentions, claims=claims, dropped=dropped)
