"""Live sources in Neo4j: their poll state, the lease a watcher holds while polling one, and the
articles each one brought."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from neo4j import AsyncDriver
from neo4j.exceptions import ConstraintError
from pydantic import BaseModel

from graph.cypher import sources as cypher
from graph.errors import GraphError

Record = dict[str, Any]


class SourceExists(GraphError):
    """A source with that URL is stored already."""


class PollState(BaseModel):
    """What one finished poll leaves on its source: the HTTP validators for the next conditional GET, the
    outcome, and the item counts (this poll's `seen` and `ingested` are added to the totals; the skip
    counts are the new totals by reason, as parallel lists)."""

    etag: str | None
    last_modified: str | None
    status: str
    last_error: str | None
    seen: int
    ingested: int
    skip_reasons: list[str]
    skip_counts: list[int]


async def create_source(
    driver: AsyncDriver, database: str, source_id: str, url: str, name: str, every_seconds: int, language: str
) -> Record:
    """Store a new source, due at once; return it. Raise SourceExists when its id is taken."""
    try:
        records, _, _ = await driver.execute_query(
            cypher.CREATE_SOURCE, id=source_id, url=url, name=name, every_seconds=every_seconds, language=language,
            database_=database,
        )
    except ConstraintError as exc:
        raise SourceExists(f"{url} is a source already") from exc
    return dict(records[0]["source"])


async def list_sources(driver: AsyncDriver, database: str) -> list[Record]:
    """Return every source with its state, by name."""
    records, _, _ = await driver.execute_query(cypher.MATCH_SOURCES, database_=database)
    return [dict(r["source"]) for r in records]


async def delete_source(driver: AsyncDriver, database: str, key: str) -> str | None:
    """Delete the source whose id or URL is `key` (its articles stay); return its id, or None."""
    records, _, _ = await driver.execute_query(cypher.DELETE_SOURCE, key=key, database_=database)
    return records[0]["id"] if records else None


async def pollable_source_ids(driver: AsyncDriver, database: str, due_only: bool) -> list[str]:
    """Return the ids of the sources no watcher holds (only those due, with `due_only`), oldest poll first."""
    records, _, _ = await driver.execute_query(
        cypher.MATCH_POLLABLE_SOURCE_IDS, due_only=due_only, database_=database
    )
    return [r["id"] for r in records]


async def take_lease(
    driver: AsyncDriver, database: str, source_id: str, owner: str, seconds: float, due_only: bool
) -> Record | None:
    """Hold the source for `owner` for `seconds`, in one transaction; return it, or None when another
    watcher holds it (or, with `due_only`, it is not due any more)."""
    records, _, _ = await driver.execute_query(
        cypher.TAKE_SOURCE_LEASE, id=source_id, owner=owner, seconds=seconds, due_only=due_only,
        database_=database,
    )
    return dict(records[0]["source"]) if records else None


async def renew_lease(driver: AsyncDriver, database: str, source_id: str, owner: str, seconds: float) -> bool:
    """Hold the source for `owner` for another `seconds` from now; return False when `owner` had lost it."""
    records, _, _ = await driver.execute_query(
        cypher.RENEW_SOURCE_LEASE, id=source_id, owner=owner, seconds=seconds, database_=database
    )
    return bool(records)


async def finish_poll(driver: AsyncDriver, database: str, source_id: str, owner: str, state: PollState) -> bool:
    """Record a finished poll and let the lease go; return False when `owner` had lost the lease."""
    records, _, _ = await driver.execute_query(
        cypher.FINISH_SOURCE_POLL, id=source_id, owner=owner, state=state.model_dump(), database_=database
    )
    return bool(records)


async def stored_article_urls(driver: AsyncDriver, database: str, urls: list[str]) -> dict[str, datetime]:
    """Return, for each of `urls` that a stored article has, when the latest such article was stored."""
    records, _, _ = await driver.execute_query(cypher.MATCH_STORED_ARTICLE_URLS, urls=urls, database_=database)
    return {r["url"]: r["ingested_at"].to_native() for r in records}


async def link_articles(driver: AsyncDriver, database: str, source_id: str, rows: list[dict[str, str]]) -> None:
    """Tie the stored articles with these texts ({sha256, url} rows) to the source, once per URL."""
    if rows:
        await driver.execute_query(cypher.MERGE_ARTICLE_SOURCES, source_id=source_id, rows=rows, database_=database)
