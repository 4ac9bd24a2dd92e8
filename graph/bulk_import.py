"""A first load of a corpus through Neo4j's own bulk path: `neo4j-admin database import full` of the CSV
files `graph.bulk_csv` writes into a new data folder, then what the transactional path would have
maintained on the way (schema, the empty alias lists, the strongest-edge lists).

The import tool comes with `org.neo4j:neo4j` on the launcher's classpath: nothing else to install.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path

from neo4j import AsyncDriver

from graph import cypher
from graph.bulk_csv import ImportFiles
from graph.errors import BulkLoadError, TargetNotEmpty
from graph.launcher import launcher
from graph.migrate import migrate
from graph.write import refresh_strongest_tx

log = logging.getLogger(__name__)

INDEX_WAIT_S = 600
STRONGEST_CHUNK = 200
"""Crowded entities whose strongest-edge lists one transaction builds."""
_LOG_TAIL_LINES = 20


def check_empty_target(data_dir: Path) -> None:
    """Raise TargetNotEmpty unless `data_dir` is missing or an empty folder: a bulk load makes a new
    database and never touches an existing one."""
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise TargetNotEmpty(
            f"{data_dir} is not an empty folder; bulk-load makes a new database: give a new --data-dir "
            "(`racegraph ingest` adds to an existing one)"
        )


def import_csv(data_dir: Path, files: ImportFiles, database: str, heap: str = "1g", memory: str = "1g") -> float:
    """Import `files` as database `database` of a new embedded Neo4j in `data_dir`; return the seconds the
    import took. `memory` caps the tool's off-heap memory (its default, 90 % of the machine, is not
    ours to take on a shared one). Raises BulkLoadError when the tool fails or skips any entry."""
    check_empty_target(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    command = launcher.admin_command(
        heap, "database", "import", "full", *files.arguments(),
        "--bad-tolerance=0", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false",
        f"--report-file={files.folder / 'import.report'}", f"--max-off-heap-memory={memory}", database,
    )
    started = time.perf_counter()
    # The launcher runs Neo4j with the data folder as its home: the import writes where it will look.
    result = subprocess.run(
        command, cwd=data_dir, env={**os.environ, "NEO4J_HOME": str(data_dir.resolve())},
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-_LOG_TAIL_LINES:])
        raise BulkLoadError(f"neo4j-admin database import failed (exit {result.returncode}):\n{tail}")
    log.info("imported %s into %s in %.1fs", files.folder, data_dir, seconds)
    return seconds


async def finish_import(driver: AsyncDriver, database: str, crowded: list[str]) -> None:
    """Make an imported database what the transactional path leaves: the schema migrated and its indexes
    online, an empty alias list where an entity has none, and the strongest-edge lists of the `crowded`
    entities (`GraphFold.crowded`), built over the imported edges."""
    await migrate(driver, database)
    await driver.execute_query(cypher.AWAIT_INDEXES, seconds=INDEX_WAIT_S, database_=database)
    async with driver.session(database=database) as session:
        result = await session.run(cypher.SET_MISSING_ALIASES)
        await result.consume()
        for start in range(0, len(crowded), STRONGEST_CHUNK):
            await session.execute_write(refresh_strongest_tx, crowded[start : start + STRONGEST_CHUNK])
