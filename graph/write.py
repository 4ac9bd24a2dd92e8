"""Write article graphs to Neo4j: a batch of whole articles per managed transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graph import cypher
from graph.batch_rows import BatchRows, ClaimChanges, NodeIds, Nodes, Rows, batch_rows
from graph.build import apply_redirects, pair_ends, strongest_updates
from graph.model import ArticleGraph, Pair, pair_rows
from graph.tallies import ClaimFacts, change_tallies_tx, write_tally_changes_tx
from graph.version import bump_version_tx

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


async def refresh_strongest_tx(tx: AsyncManagedTransaction, entity_ids: Iterable[str]) -> None:
    """Recompute the kept strongest edges of entities whose edges just changed."""
    ids = sorted(set(entity_ids))
    if ids:
        await tx.run(cypher.REFRESH_STRONGEST, ids=ids, k=STRONGEST_PER_TYPE)


async def delete_articles_tx(tx: AsyncManagedTransaction, ids: Sequence[str]) -> int:
    """Delete articles, their claims and orphaned entities, refresh the touched edges and day tallies;
    return how many articles were deleted."""
    result = await tx.run(cypher.DELETE_ARTICLES, ids=list(ids))
    claims: list[ClaimFacts] = []
    entity_ids: set[str] = set()
    deleted = 0
    async for record in result:
        deleted += 1
        claims += record["claims"]
        entity_ids |= set(record["entity_ids"])
    await change_tallies_tx(tx, added=(), removed=claims)
    pairs: set[Pair] = {(c["type"], c["subject_id"], c["object_id"]) for c in claims}
    if pairs:
        await tx.run(cypher.REFRESH_RELATIONS, pairs=pair_rows(pairs))
    ends = pair_ends(pairs)
    entity_ids |= ends
    if entity_ids:
        await tx.run(cypher.DELETE_ORPHAN_ENTITIES, ids=sorted(entity_ids))
    await refresh_strongest_tx(tx, ends)
    return deleted


async def add_claims_tx(tx: AsyncManagedTransaction, changes: ClaimChanges, nodes: Nodes) -> None:
    """Create new claims and add them to their aggregated edges, to the kept strongest edges of the
    entities at either end and to their day tallies. `nodes` holds the element ids of their articles
    and entities."""
    if not changes.claims:
        return
    await tx.run(cypher.CREATE_CLAIMS, rows=changes.claims, articles=nodes.articles, entities=nodes.entities)
    await write_tally_changes_tx(tx, changes.tallies)
    result = await tx.run(cypher.ADD_CLAIMS_TO_RELATIONS, rows=changes.relations, entities=nodes.entities)
    edges = (await result.single(strict=True))["edges"]
    await tx.run(
        cypher.ADD_TO_STRONGEST, rows=Rows(strongest_updates(edges)), entities=nodes.entities, k=STRONGEST_PER_TYPE
    )


async def create_nodes_tx(tx: AsyncManagedTransaction, articles: Rows, entities: Rows) -> Nodes:
    """Create new articles, create or update their entities; return the element ids of both."""
    found = []
    for query, rows in ((cypher.CREATE_ARTICLES, articles), (cypher.MERGE_ENTITIES, entities)):
        record = await (await tx.run(query, rows=rows)).single(strict=True)
        found.append(NodeIds(zip(record["ids"], record["nodes"], strict=True)))
    return Nodes(*found)


async def stored_shas_tx(tx: AsyncManagedTransaction, shas: Sequence[str]) -> set[str]:
    """Return which of these text hashes are already stored."""
    result = await tx.run(cypher.MATCH_STORED_SHAS, shas=list(shas))
    return {record["sha"] async for record in result}


async def stored_shas(driver: AsyncDriver, shas: Sequence[str], database: str) -> set[str]:
    """Return which of these text hashes are already stored, in a transaction of its own (an ingest
    asks before extracting, so that a stored text costs no extraction)."""
    async with driver.session(database=database) as session:
        return await session.execute_read(stored_shas_tx, shas)


async def _replace_older_texts(tx: AsyncManagedTransaction, graphs: list[ArticleGraph]) -> list[str]:
    """Delete the stored articles at the URLs of `graphs` whose text differs; return their ids."""
    urls = [{"url": g.article.url, "sha256": g.article.sha256} for g in graphs if g.article.url]
    if not urls:
        return []
    result = await tx.run(cypher.MATCH_REPLACED_ARTICLES, rows=urls)
    replaced = [record["id"] async for record in result]
    if replaced:
        await delete_articles_tx(tx, replaced)
    return replaced


async def _redirected(tx: AsyncManagedTransaction, graphs: list[ArticleGraph]) -> list[ArticleGraph]:
    """Return `graphs` with their entity ids redirected where curation merged them away: copies when
    any is, so that rewritten rows never leak into the caller's graphs (a retry starts again)."""
    entity_ids = sorted({e.id for g in graphs for e in g.entities})
    result = await tx.run(cypher.MATCH_REDIRECTS, ids=entity_ids)
    redirects = {record["old"]: record["new"] async for record in result}
    if not redirects:
        return graphs
    copies = [g.model_copy(deep=True) for g in graphs]
    apply_redirects(copies, redirects)
    return copies


async def write_batch_tx(
    tx: AsyncManagedTransaction, graphs: list[ArticleGraph], prepared: BatchRows | None = None
) -> WriteStats:
    """Write whole articles in one transaction; skip stored texts, replace older texts at the same URL.
    `prepared`, the `batch_rows` of `graphs` built beforehand, is sent when every article is new and
    none of its entities was merged away (else the rows are built again from those left to write).

    Only articles whose text is not stored get this far, so their claims are all new and are added
    to the aggregated edges without reading the claims already there: a batch costs about the same
    whatever the size of the graph. Two writers storing the same new article at once collide on
    its id's uniqueness constraint, and `write_batch` runs the loser again."""
    stats = WriteStats()
    stored = await stored_shas_tx(tx, [g.article.sha256 for g in graphs])
    fresh: dict[str, ArticleGraph] = {}
    for graph in graphs:
        if graph.article.sha256 in stored or graph.article.id in fresh:
            stats.duplicates.append(graph.article.id)
        else:
            fresh[graph.article.id] = graph
    if not fresh:
        return stats
    stats.replaced = await _replace_older_texts(tx, list(fresh.values()))
    new = list(fresh.values())
    todo = await _redirected(tx, new)
    rows = prepared if prepared is not None and todo is new and len(new) == len(graphs) else batch_rows(todo)

    nodes = await create_nodes_tx(tx, rows.articles, rows.entities)
    if rows.mentions:
        await tx.run(cypher.CREATE_MENTIONS, rows=rows.mentions, articles=nodes.articles, entities=nodes.entities)
    await add_claims_tx(tx, rows.claims, nodes)
    stats.written = [g.article.id for g in todo]
    stats.claims = len(rows.claims.claims)
    stats.entities = len(rows.entities)
    await bump_version_tx(tx)
    return stats


async def write_articles(
    driver: AsyncDriver, graphs: Sequence[ArticleGraph], database: str, batch_size: int = 50
) -> WriteStats:
    """Write article graphs in batches; each batch is one retried transaction, so an article
    is stored whole or not at all. Return what was written.

    The batches are written one at a time and in order, but each batch's rows are built in a worker
    thread while the batch before is written: this process's CPU work then overlaps Neo4j's instead
    of taking turns with it. When a batch fails, the batches before it stay stored and the error
    is raised; the rows built for the next one are dropped."""
    batches = [list(graphs[start : start + batch_size]) for start in range(0, len(graphs), batch_size)]
    total = WriteStats()
    upcoming: asyncio.Future[BatchRows] | None = None
    try:
        for index, batch in enumerate(batches):
            rows = await upcoming if upcoming is not None else batch_rows(batch)
            upcoming = None
            if index + 1 < len(batches):
                upcoming = asyncio.ensure_future(asyncio.to_thread(batch_rows, batches[index + 1]))
            total.add(await write_batch(driver, batch, database, rows))
    finally:
        if upcoming is not None:
            upcoming.cancel()
    return total


async def write_batch(
    driver: AsyncDriver, batch: list[ArticleGraph], database: str, prepared: BatchRows | None = None
) -> WriteStats:
    """Write one batch in one retried transaction (sending `prepared`, its `batch_rows`, when they still
    apply); return what was written. Another writer can store one of its texts between our check and
    our write, and our transaction then fails on the article id's uniqueness: it is rolled back whole
    and run again, and that article is now a duplicate."""
    attempt = 1
    while True:
        try:
            async with driver.session(database=database) as session:
                return await session.execute_write(write_batch_tx, batch, prepared)
        except ConstraintError:
            if attempt == CONSTRAINT_ATTEMPTS:
                raise
            attempt += 1
            log.info("a concurrent writer stored one of the batch's articles first; writing the batch again")


async def delete_articles(driver: AsyncDriver, ids: Sequence[str], database: str) -> int:
    """Delete articles by id with their claims, refreshing edges; return how many were deleted."""
    async with driver.session(database=database) as session:
        return await session.execute_write(_retract_tx, ids)


async def _retract_tx(tx: AsyncManagedTransaction, ids: Sequence[str]) -> int:
    # The version is bumped here rather than in delete_articles_tx: a replaced text is deleted inside an
    # ingest's transaction, which bumps once, last.
    deleted = await delete_articles_tx(tx, ids)
    if deleted:
        await bump_version_tx(tx)
    return deleted
