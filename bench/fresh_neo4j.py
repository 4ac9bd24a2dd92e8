"""A throwaway embedded Neo4j for a benchmark run: new data folder, schema migrated, indexes online."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.connect import open_async_driver, wait_until_ready
from graph.launcher import launcher
from graph.migrate import migrate

DATABASE = "neo4j"

# -> nothing, once every index is online (or after 300 s); so a benchmark never times index population.
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


@contextmanager
def fresh_neo4j(heap: str, pagecache: str) -> Iterator[launcher.Neo4jInstance]:
    """Yield a new embedded Neo4j with the schema migrated and every index online (so no benchmark
    times index population); stop it and remove its data after."""
    data_dir = Path(tempfile.mkdtemp(prefix="racegraph-bench-"))
    instance = launcher.start(data_dir, bolt_port=launcher.free_port(), heap=heap, pagecache=pagecache)

    async def prepare() -> None:
        driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
        try:
            await wait_until_ready(driver, DATABASE)
            await migrate(driver, DATABASE)
            await driver.execute_query(AWAIT_INDEXES, database_=DATABASE)
        finally:
            await driver.close()

    try:
        asyncio.run(prepare())
        yield instance
    finally:
        launcher.stop(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)
