"""Insights snapshots: a result computed from one graph version, stored in the database with that version, so
that a server starting over the same graph can show it without computing it again. Stored apart from the
graph: storing one is no change to the graph and does not bump its version (`graph.version`)."""

from __future__ import annotations

from typing import Any

import orjson
from neo4j import AsyncDriver

from graph import cypher


async def store_snapshot(
    driver: AsyncDriver, database: str, name: str, version: int, recipe: str, payload: dict[str, Any]
) -> None:
    """Keep `payload` (JSON-serialisable) as the snapshot `name`, computed from graph `version` by `recipe` (what
    was computed, and how), in place of an older one; one computed from a newer version stays."""
    await driver.execute_query(
        cypher.MERGE_INSIGHTS_SNAPSHOT, name=name, version=version, recipe=recipe,
        payload=orjson.dumps(payload).decode(), database_=database,
    )
