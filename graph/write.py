"""Write article graphs to Neo4j: a batch of whole articles per managed transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph import cypher
from graph.model import ArticleGraph, EntityRow

log = logging.getLogger(__name__)

Pair = tuple[str, str, str]  # (type, subject_id, object_id) of an aggregated edge


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


def _pair_dicts(pairs: Iterable[Pair]) -> list[dict[str, str]]:
    return [{"type": t, "subject_id": s, "object_id": o} for t, s, o in sorted(set(pairs))]


def merge_entity_rows(graphs: Iterable[ArticleGraph]) -> list[EntityRow]:
    """Return one row per entity id across the batch, aliases and properties united."""
    merged: dict[str, EntityRow] = {}
    for graph in graphs:
        for row in graph.entities:
            if row.id in merged:
                seen = merged[row.id]
                seen.aliases = sorted(set(seen.aliases) | set(row.aliases))
                seen.properties = {**seen.properties, **row.properties}
            else:
                merged[row.id] = row.model_copy(deep=True)
    return list(merged.values())


def _apply_redirects(graphs: list[ArticleGraph], redirects: dict[str, str]) -> None:
    """Point rows at the entities that curation merged their old ids into."""
    if not redirects:
        return
    for graph in graphs:
        for entity in graph.entities:
            entity.id = redirects.get(entity.id, entity.id)
        for mention in graph.mentions:
            mention.entity_id = redirects.get(mention.entity_id, mention.entity_id)
        for claim in graph.claims:
            claim.subject_id = redirects.get(claim.subject_id, claim.subject_id)
            claim.object_id = redirects.get(claim.object_id, claim.object_id)


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
        await tx.run(cypher.REFRESH_RELATIONS, pairs=_pair_dicts(pairs))
    entity_ids |= {s for _, s, _ in pairs} | {o for _, _, o in pairs}
    if entity_ids:
        await tx.run(cypher.DELETE_ORPHAN_ENTITIES, ids=sorted(entity_ids))
    return deleted


async def write_batch_tx(tx: AsyncManagedTransaction, graphs: list[ArticleGraph]) -> WriteStats:
    """Write whole articles in one transaction; skip stored texts, replace older texts at the same URL."""
    stats = WriteStats()
    result = await tx.run(cypher.MATCH_STORED_SHAS, shas=[g.article.sha256 for g in graphs])
    stored = {record["sha"] async for record in result}
    fresh: dict[str, ArticleGraph] = {}
    for graph in graphs:
        if graph.article.sha256 in stored or graph.article.id in fresh:
            stats.duplicates.append(graph.article.id)
        else:
            fresh[graph.article.id] = graph
    todo = [g.model_copy(deep=True) for g in fresh.values()]
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
    _apply_redirects(todo, {record["old"]: record["new"] async for record in result})

    entities = merge_entity_rows(todo)
    await tx.run(cypher.MERGE_ARTICLES, rows=[g.article.model_dump() for g in todo])
    await tx.run(cypher.MERGE_ENTITIES, rows=[e.model_dump(mode="json") for e in entities])
    mentions = [
        {"article_id": g.article.id, **m.model_dump()} for g in todo for m in g.mentions if m.spans
    ]
    if mentions:
        await tx.run(cypher.MERGE_MENTIONS, rows=mentions)
    claims = [{"article_id": g.article.id, **c.model_dump(mode="json")} for g in todo for c in g.claims]
    if claims:
        await tx.run(cypher.MERGE_CLAIMS, rows=claims)
        pairs = {(c["type"], c["subject_id"], c["object_id"]) for c in claims}
        await tx.run(cypher.REFRESH_RELATIONS, pairs=_pair_dicts(pairs))
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
        batch = list(graphs[start : start + batch_size])
        async with driver.session(database=database) as session:
            total.add(await session.execute_write(write_batch_tx, batch))
    return total


async def delete_articles(driver: AsyncDriver, ids: Sequence[str], database: str) -> int:
    """Delete articles by id with their claims, refreshing edges; return how many were deleted."""
    async with driver.session(database=database) as session:
        return await session.execute_write(delete_articles_tx, ids)
