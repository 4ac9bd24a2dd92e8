"""The graph version: bumped inside every transaction that adds or takes away claims, so that anything
computed from a version of the graph (`app.insights`) knows when it is stale."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from graph import cypher

GRAPH_VERSION_ID = "graph"
"""The id of the one `(:GraphVersion)` node."""


async def bump_version_tx(tx: AsyncManagedTransaction) -> int:
    """Add one to the graph version inside `tx`; return the new version. Call it last in the
    transaction: every writer waits on the counter's lock until the holder commits."""
    result = await tx.run(cypher.BUMP_GRAPH_VERSION, id=GRAPH_VERSION_ID)
    record = await result.single(strict=True)
    return int(record["version"])
