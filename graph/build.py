"""Turn an `Extraction` into the rows of one `ArticleGraph`, with deterministic ids, and a batch of
article graphs into the rows `graph.write` sends.

Pure functions: nothing here touches Neo4j, so they are tested without a database.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

from graph.model import ArticleGraph, ArticleRow, ClaimRow, EntityRow, MentionRow, Pair
from graph.schema import DropReason, allows
from nlp.records import ArticleIn, Extraction, Relation, one_per_fact, oriented

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


def _drop_reason(relation: Relation, kinds: dict[str, str]) -> DropReason | None:
    """Return why the schema leaves `relation` out (`kinds` maps entity id to kind), or None when it
    allows it."""
    subject_kind, object_kind = kinds.get(relation.subject_id), kinds.get(relation.object_id)
    if subject_kind is None or object_kind is None:
        return DropReason.UNKNOWN_ENTITY
    if relation.subject_id == relation.object_id:
        return DropReason.SELF_LOOP
    if not allows(relation.type, subject_kind, object_kind):  # type: ignore[arg-type]
        return DropReason.PATTERN
    return None


def claim_row(article_key: str, relation: Relation, extractor_version: str) -> ClaimRow:
    """Return the `(:Claim)` row of one relation; a symmetric type puts the smaller id first, so a pair
    is stored once."""
    subject_id, object_id = oriented(relation.type, relation.subject_id, relation.object_id)
    return ClaimRow(
        id=claim_id(article_key, subject_id, relation.type.value, object_id),
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
        extractor_version=extractor_version,
    )


def _one_claim_per_fact(claims: list[ClaimRow], dropped: Counter[str]) -> list[ClaimRow]:
    """Return the claims with each fact once (`nlp.records.one_per_fact`: the first statement wins),
    counting the repeats left out in `dropped`."""
    kept, repeats = one_per_fact(claims)
    if repeats:
        dropped[DropReason.DUPLICATE] += repeats
    return kept


def claims_to_rows(
    article_key: str, extraction: Extraction, kinds: dict[str, str]
) -> tuple[list[ClaimRow], Counter[str]]:
    """Return the claim rows the schema allows, one per fact, and counts of what was dropped.

    `kinds` maps entity id to kind. Of several relations stating one fact, the first stated is kept
    (the guideline annotates each fact once per article).
    """
    dropped: Counter[str] = Counter()
    allowed: list[ClaimRow] = []
    for relation in extraction.relations:
        reason = _drop_reason(relation, kinds)
        if reason is None:
            allowed.append(claim_row(article_key, relation, extraction.extractor_version))
        else:
            dropped[reason] += 1
    return _one_claim_per_fact(allowed, dropped), dropped


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


# --- the rows of a batch of articles, for `graph.write` ---------------------------

def mention_rows(graphs: Iterable[ArticleGraph]) -> list[dict[str, Any]]:
    """Return one CREATE_MENTIONS row per entity named in each article."""
    return [{"article_id": g.article.id, **dict(m)} for g in graphs for m in g.mentions if m.spans]


def claim_rows(graphs: Iterable[ArticleGraph]) -> list[dict[str, Any]]:
    """Return one CREATE_CLAIMS row per claim, with its article's id and publication date."""
    return [
        {"article_id": g.article.id, "published": g.article.published, **dict(c)} for g in graphs for c in g.claims
    ]


def entity_rows(graphs: Iterable[ArticleGraph]) -> list[dict[str, Any]]:
    """Return one MERGE_ENTITIES row per entity id across the batch, aliases and properties united."""
    merged: dict[str, dict[str, Any]] = {}
    for graph in graphs:
        for row in graph.entities:
            seen = merged.get(row.id)
            if seen is None:
                merged[row.id] = {"id": row.id, "name": row.name, "kind": row.kind.value,
                                  "aliases": list(row.aliases), "properties": dict(row.properties)}
            else:
                seen["aliases"] = sorted(set(seen["aliases"]) | set(row.aliases))
                seen["properties"] = {**seen["properties"], **row.properties}
    return list(merged.values())


def relation_rows(claims: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return what new claim rows (with article_id and published) add to each aggregated edge, one row
    per (type, subject_id, object_id) in sorted order: claims, distinct articles, first and last date
    (the claim's, else its article's), `doubt` (the product of 1 - confidence) and whether all are hedged.
    The order is a stable lock order, so concurrent writers wait on each other rather than deadlock."""
    totals: dict[Pair, dict[str, Any]] = {}
    articles: dict[Pair, set[str]] = {}
    for claim in claims:
        pair = (claim["type"], claim["subject_id"], claim["object_id"])
        day = claim["date"] or claim["published"]
        row = totals.setdefault(
            pair,
            {"type": pair[0], "subject_id": pair[1], "object_id": pair[2], "claims": 0, "articles": 0,
             "first_seen": None, "last_seen": None, "doubt": 1.0, "hedged": True},
        )
        row["claims"] += 1
        articles.setdefault(pair, set()).add(claim["article_id"])
        if day is not None:
            row["first_seen"] = day if row["first_seen"] is None else min(row["first_seen"], day)
            row["last_seen"] = day if row["last_seen"] is None else max(row["last_seen"], day)
        row["doubt"] *= 1.0 - claim["confidence"]
        row["hedged"] = row["hedged"] and claim["hedged"]
    for pair, row in totals.items():
        row["articles"] = len(articles[pair])
    return [totals[pair] for pair in sorted(totals)]


def apply_redirects(graphs: list[ArticleGraph], redirects: dict[str, str]) -> None:
    """Point the rows of `graphs` (in place) at the entities that curation merged their old ids into.
    Symmetric claims are oriented again; a claim that became a self-loop is dropped, and so is a repeat
    of a fact in its article (as `build_article_graph` does); the mentions of one entity are united."""
    for graph in graphs:
        for entity in graph.entities:
            entity.id = redirects.get(entity.id, entity.id)
        spans: dict[str, list[int]] = {}
        for mention in graph.mentions:
            spans.setdefault(redirects.get(mention.entity_id, mention.entity_id), []).extend(mention.spans)
        graph.mentions = [MentionRow(entity_id=entity_id, spans=s) for entity_id, s in spans.items()]
        claims: list[ClaimRow] = []
        for claim in graph.claims:
            subject_id = redirects.get(claim.subject_id, claim.subject_id)
            object_id = redirects.get(claim.object_id, claim.object_id)
            if subject_id == object_id:
                graph.dropped[DropReason.SELF_LOOP] += 1
                continue
            claim.subject_id, claim.object_id = oriented(claim.type, subject_id, object_id)
            claims.append(claim)
        graph.claims = _one_claim_per_fact(claims, graph.dropped)


def pair_ends(pairs: Iterable[Pair]) -> set[str]:
    """Return the entity ids at either end of the pairs."""
    return {end for _, subject_id, object_id in pairs for end in (subject_id, object_id)}


def strongest_updates(edges: Iterable[tuple[str, str, str, str, int, float]]) -> list[dict[str, Any]]:
    """Return, from the edges new claims just changed (ADD_CLAIMS_TO_RELATIONS' edges: type, subject_id,
    object_id, rel, claims, confidence), one row per entity (sorted, the lock order) with the element
    ids and figures of its changed edges, for ADD_TO_STRONGEST."""
    changed: dict[str, list[dict[str, Any]]] = {}
    for rel_type, subject_id, object_id, rel, claims, confidence in edges:
        figures = {"rel": rel, "type": rel_type, "claims": claims, "confidence": confidence}
        changed.setdefault(subject_id, []).append({**figures, "other": object_id})
        changed.setdefault(object_id, []).append({**figures, "other": subject_id})
    return [{"id": i, "rels": [e["rel"] for e in changed[i]], "edges": changed[i]} for i in sorted(changed)]
