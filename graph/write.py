"""Write article graphs to Neo4j: a batch of whole articles per managed transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graph import cypher
from graph.model import ArticleGraph, ClaimRow, MentionRow, Pair, pair_rows
from graph.schema import SYMMETRIC_TYPES, DropReason

log = logging.getLogger(__name__)

# Strongest edges kept per entity and type, by entities that have had more edges than that in all
# (see graph.cypher.strongest); reads that follow more per node, with dates, fall back to reading every edge.
STRONGEST_PER_TYPE = 100
CONSTRAINT_ATTEMPTS = 5
"""Times a batch is written when concurrent writers keep storing its texts first."""


@dataclass
class WriteStats:
    """What one write call did."""

    written: list[str] = field(default_factory=list)  # article ids stored now
    duplicates: list[str] = field(default_factory=list)  # article ids whose text was already stored
    replaced: list[str] = field(default_factory=list)  # ids of older versions at the same URL, removed
    claims: int = 0
    entities: int = 0

    def add(self, other: WriteStats) -> None:
        """Accumulate another batch's figures into this one."""
        self.written += other.written
        self.duplicates += other.duplicates
        self.replaced += other.replaced
        self.claims += other.claims
        self.entities += other.entities


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


def _apply_redirects(graphs: list[ArticleGraph], redirects: dict[str, str]) -> None:
    """Point rows at the entities that curation merged their old ids into. Symmetric claims are
    oriented again, a claim that became a self-loop or a repeat of a fact in its article is dropped
    (as `graph.build` would have), and the mentions of one entity are united."""
    if not redirects:
        return
    for graph in graphs:
        for entity in graph.entities:
            entity.id = redirects.get(entity.id, entity.id)
        spans: dict[str, list[int]] = {}
        for mention in graph.mentions:
            spans.setdefault(redirects.get(mention.entity_id, mention.entity_id), []).extend(mention.spans)
        graph.mentions = [MentionRow(entity_id=entity_id, spans=s) for entity_id, s in spans.items()]
        kept: dict[Pair, ClaimRow] = {}
        for claim in graph.claims:
            subject_id = redirects.get(claim.subject_id, claim.subject_id)
            object_id = redirects.get(claim.object_id, claim.object_id)
            if subject_id == object_id:
                graph.dropped[DropReason.SELF_LOOP] += 1
                continue
            if claim.type in SYMMETRIC_TYPES and object_id < subject_id:
                subject_id, object_id = object_id, subject_id
            claim.subject_id, claim.object_id = subject_id, object_id
            key = (claim.type.value, subject_id, object_id)
            if key in kept:
                graph.dropped[DropReason.DUPLICATE] += 1
                if claim.confidence <= kept[key].confidence:
                    continue
            kept[key] = claim
        graph.claims = list(kept.values())


def pair_ends(pairs: Iterable[Pair]) -> set[str]:
    """Return the entity ids at either end of the pairs."""
    return {end for _, subject_id, object_id in pairs for end in (subject_id, object_id)}


def strongest_updates(edges: Iterable[tuple[str, str, str, str, int, float]]) -> list[dict[str, Any]]:
    """Return, from the edges new claims just changed (ADD_CLAIMS_TO_RELATIONS' rows: type, subject_id,
    object_id, rel, claims, confidence), one row per entity (sorted, the lock order) with the element
    ids and figures of its changed edges, for ADD_TO_STRONGEST."""
    changed: dict[str, list[dict[str, Any]]] = {}
    for rel_type, subject_id, object_id, rel, claims, confidence in edges:
        figures = {"rel": rel, "type": rel_type, "claims": claims, "confidence": confidence}
        changed.setdefault(subject_id, []).append({**figures, "other": object_id})
        changed.setdefault(object_id, []).append({**figures, "other": subject_id})
    return [{"id": i, "rels": [e["rel"] for e in changed[i]], "edges": changed[i]} for i in sorted(changed)]


async def refresh_strongest_tx(tx: AsyncManagedTransaction, entity_ids: Iterable[str]) -> None:
    """Recompute the kept strongest edges of entities whose edges just changed."""
    ids = sorted(set(entity_ids))
    if ids:
        await tx.run(cypher.REFRESH_STRONGEST, ids=ids, k=STRONGEST_PER_TYPE)


async def delete_articles_tx(tx: AsyncManagedTransaction, ids: Sequence[str]) -> int:
    """Delete articles, their claims and orphaned entities, refresh the touched edges; return how
    many articles were deleted."""
    result = await tx.run(cypher.DELETE_ARTICLES, ids=list(ids))
    pairs: set[Pair] = set()
    entity_ids: set[str] = set()
    deleted = 0
    async for record in result:
        deleted += 1
        pairs |= {(p["type"], p["subject_id"], p["object_id"]) for p in record["pairs"]}
        entity_ids |= set(record["entity_ids"])
    if pairs:
        await tx.run(cypher.REFRESH_RELATIONS, pairs=pair_rows(pairs))
    ends = pair_ends(pairs)
    entity_ids |= ends
    if entity_ids:
        await tx.run(cypher.DELETE_ORPHAN_ENTITIES, ids=sorted(entity_ids))
    await refresh_strongest_tx(tx, ends)
    return deleted


def mention_rows(graphs: Iterable[ArticleGraph]) -> list[dict[str, Any]]:
    """Return one CREATE_MENTIONS row per entity named in each article."""
    return [{"article_id": g.article.id, **dict(m)} for g in graphs for m in g.mentions if m.spans]


def claim_rows(graphs: Iterable[ArticleGraph]) -> list[dict[str, Any]]:
    """Return one CREATE_CLAIMS row per claim, with its article's id and publication date."""
    return [
        {"article_id": g.article.id, "published": g.article.published, **dict(c)} for g in graphs for c in g.claims
    ]


async def add_claims_tx(tx: AsyncManagedTransaction, claims: list[dict[str, Any]]) -> None:
    """Create new claims (CREATE_CLAIMS rows) and add them to their aggregated edges and to the kept
    strongest edges of the entities at either end."""
    if not claims:
        return
    await tx.run(cypher.CREATE_CLAIMS, rows=claims)
    edges = []
    for rel_type, rows in groupby(relation_rows(claims), key=itemgetter("type")):
        result = await tx.run(cypher.ADD_CLAIMS_TO_RELATIONS[rel_type], rows=list(rows))
        edges += [tuple(record) async for record in result]
    await tx.run(cypher.ADD_TO_STRONGEST, rows=strongest_updates(edges), k=STRONGEST_PER_TYPE)


async def write_batch_tx(tx: AsyncManagedTransaction, graphs: list[ArticleGraph]) -> WriteStats:
    """Write whole articles in one transaction; skip stored texts, replace older texts at the same URL.

    Only articles whose text is not stored get this far, so their claims are all new and are added
    to the aggregated edges without reading the claims already there: a batch costs about the same
    whatever the size of the graph. Two writers storing the same new article at once collide on
    its id's uniqueness constraint, and `write_batch` runs the loser again."""
    stats = WriteStats()
    result = await tx.run(cypher.MATCH_STORED_SHAS, shas=[g.article.sha256 for g in graphs])
    stored = {record["sha"] async for record in result}
    fresh: dict[str, ArticleGraph] = {}
    for graph in graphs:
        if graph.article.sha256 in stored or graph.article.id in fresh:
            stats.duplicates.append(graph.article.id)
        else:
            fresh[graph.article.id] = graph
    todo = list(fresh.values())
    if not todo:
        return stats

    urls = [{"url": g.article.url, "sha256": g.article.sha256} for g in todo if g.article.url]
    if urls:
        result = await tx.run(cypher.MATCH_REPLACED_ARTICLES, rows=urls)
        stats.replaced = [record["id"] async for record in result]
        if stats.replaced:
            await delete_articles_tx(tx, stats.replaced)

    entity_ids = sorted({e.id for g in todo for e in g.entities})
    result = await tx.run(cypher.MATCH_REDIRECTS, ids=entity_ids)
    redirects = {record["old"]: record["new"] async for record in result}
    if redirects:  # rewritten rows must not leak into the caller's graphs (a retry starts again)
        todo = [g.model_copy(deep=True) for g in todo]
        _apply_redirects(todo, redirects)

    entities = entity_rows(todo)
    # dict(model) rather than model_dump(): the rows hold no nested models, and dumping them took about
    # a sixth of this process's CPU in bench.write_speed. RelType is a StrEnum, sent as text.
    await tx.run(cypher.CREATE_ARTICLES, rows=[dict(g.article) for g in todo])
    await tx.run(cypher.MERGE_ENTITIES, rows=entities)
    mentions = mention_rows(todo)
    if mentions:
        await tx.run(cypher.CREATE_MENTIONS, rows=mentions)
    claims = claim_rows(todo)
    await add_claims_tx(tx, claims)
    stats.written = [g.article.id for g in todo]
    stats.claims = len(claims)
    stats.entities = len(entities)
    return stats


async def write_articles(
    driver: AsyncDriver, graphs: Sequence[ArticleGraph], database: str, batch_size: int = 50
) -> WriteStats:
    """Write article graphs in batches; each batch is one retried transaction, so an article
    is stored whole or not at all. Return what was written."""
    total = WriteStats()
    for start in range(0, len(graphs), batch_size):
        total.add(await write_batch(driver, list(graphs[start : start + batch_size]), database))
    return total


async def write_batch(driver: AsyncDriver, batch: list[ArticleGraph], database: str) -> WriteStats:
    """Write one batch in one retried transaction; return what was written. Another writer can store
    one of its texts between our check and our write, and our transaction then fails on the article
    id's uniqueness: it is rolled back whole and run again, and that article is now a duplicate."""
    attempt = 1
    while True:
        try:
            async with driver.session(database=database) as session:
                return await session.execute_write(write_batch_tx, batch)
        except ConstraintError:
            if attempt == CONSTRAINT_ATTEMPTS:
                raise
            attempt += 1
            log.info("a concurrent writer stored one of the batch's articles first; writing the batch again")


async def delete_articles(driver: AsyncDriver, ids: Sequence[str], database: str) -> int:
    """Delete articles by id with their claims, refreshing edges; return how many were deleted."""
    async with driver.session(database=database) as session:
        return await session.execute_write(delete_articles_tx, ids)
