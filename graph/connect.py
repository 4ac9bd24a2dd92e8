"""Open the Neo4j driver and wait until the database answers."""

from __future__ import annotations

import asyncio
import logging
import time

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph import cypher
from graph.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

# Errors that mean "the server is not there (yet)", as opposed to a bad query.
UNAVAILABLE_ERRORS = (ServiceUnavailable, SessionExpired, ConnectionError, OSError)


def open_async_driver(uri: str, user: str, password: str, timeout: float = 10.0) -> AsyncDriver:
    """Return an async driver; it connects lazily, so this never fails on a stopped server."""
    return AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        connection_timeout=timeout,
        connection_acquisition_timeout=timeout,
        # A stopped server should fail a request within the timeout, not after 30 s of retries.
        max_transaction_retry_time=timeout,
        # Schema hints (unknown labels on an empty graph) would flood the log; errors still raise.
        notifications_min_severity="OFF",
    )


def open_driver(uri: str, user: str, password: str, timeout: float = 10.0) -> Driver:
    """Return a sync driver, for scripts and benchmarks that do not run an event loop."""
    return GraphDatabase.driver(
        uri,
        auth=(user, password),
        connection_timeout=timeout,
        connection_acquisition_timeout=timeout,
        # A stopped server should fail a request within the timeout, not after 30 s of retries.
        max_transaction_retry_time=timeout,
        # Schema hints (unknown labels on an empty graph) would flood the log; errors still raise.
        notifications_min_severity="OFF",
    )


async def ping(driver: AsyncDriver, database: str) -> None:
    """Return when the database answers a trivial query; raise DatabaseUnavailable otherwise. One
    attempt: a managed transaction would retry for `max_transaction_retry_time` before failing."""
    try:
        async with driver.session(database=database) as session:
            await (await session.run(cypher.PING)).consume()
    except AuthError:
        raise
    except UNAVAILABLE_ERRORS as exc:
        raise DatabaseUnavailable(f"Neo4j is not reachable: {exc}") from exc


async def wait_until_ready(driver: AsyncDriver, database: str, timeout: float = 60.0) -> None:
    """Return once the database answers; raise DatabaseUnavailable after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            await ping(driver, database)
            return
        except DatabaseUnavailable:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
