"""Apply the versioned schema migrations in `graph/migrations/` once each, in order."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources

from neo4j import AsyncDriver

from graph import cypher

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_(\w+)\.cypher$")


@dataclass(frozen=True)
class Migration:
    """One migration file: its version, name and statements."""

    version: int
    name: str
    statements: tuple[str, ...]


def load_migrations() -> list[Migration]:
    """Return the packaged migrations sorted by version."""
    found = []
    for entry in resources.files("graph").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        lines = [ln for ln in entry.read_text().splitlines() if not ln.strip().startswith("//")]
        statements = tuple(s.strip() for s in "\n".join(lines).split(";") if s.strip())
        found.append(Migration(int(match[1]), match[2], statements))
    return sorted(found, key=lambda m: m.version)


async def migrate(driver: AsyncDriver, database: str) -> list[Migration]:
    """Apply the migrations not yet recorded in the database; return those applied now.

    Schema statements use IF NOT EXISTS, so a migration interrupted half-way is
    simply run again.
    """
    records, _, _ = await driver.execute_query(cypher.MATCH_APPLIED_MIGRATIONS, database_=database)
    applied = {r["version"] for r in records}
    done = []
    for migration in load_migrations():
        if migration.version in applied:
            continue
        async with driver.session(database=database) as session:
            for statement in migration.statements:
                # Schema changes cannot share a transaction with writes, so each runs on its own, in an
                # auto-commit transaction: a backfill can then write in batches (CALL ... IN TRANSACTIONS).
                result = await session.run(statement)
                await result.consume()
        await driver.execute_query(
            cypher.MERGE_MIGRATION, version=migration.version, name=migration.name, database_=database
        )
        log.info("applied migration %04d_%s", migration.version, migration.name)
        done.append(migration)
    return done
