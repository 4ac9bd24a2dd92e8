"""API keys in Neo4j: stored by hash, never in clear."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graph import cypher


async def create_key(driver: AsyncDriver, database: str, key_id: str, name: str, role: str, key_hash: str) -> None:
    """Store a key's hash with its name and role."""
    await driver.execute_query(
        cypher.CREATE_API_KEY, id=key_id, name=name, role=role, hash=key_hash, database_=database
    )


async def find_key(driver: AsyncDriver, database: str, key_hash: str) -> dict[str, Any] | None:
    """Return the active key `{id, name, role}` with this hash, or None."""
    records, _, _ = await driver.execute_query(cypher.MATCH_API_KEY_BY_HASH, hash=key_hash, database_=database)
    return dict(records[0]["key"]) if records else None


async def list_keys(driver: AsyncDriver, database: str) -> list[dict[str, Any]]:
    """Return every key's id, name, role, revoked flag and creation time."""
    records, _, _ = await driver.execute_query(cypher.MATCH_API_KEYS, database_=database)
    return [dict(r["key"]) for r in records]


async def revoke_key(driver: AsyncDriver, database: str, key_id: str) -> bool:
    """Revoke a key; return False when no active key has that id."""
    records, _, _ = await driver.execute_query(cypher.REVOKE_API_KEY, id=key_id, database_=database)
    return bool(records)

