"""The home page made ready when the server starts: its reads and its blocs computed once in the background
(`Settings.warm_at_start`), so that the first visitor finds them in the insights cache rather than waiting
for a cold page cache and a cold Leiden run. The page stored for the same graph version by an earlier server
is shown meanwhile (`app.routes.home_views.home_page`)."""

from __future__ import annotations

import asyncio
import logging
import time

from app.errors import DATABASE_DOWN
from app.routes.home_views import home_data, home_page
from app.service import Racegraph

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
"""Pause between attempts while Neo4j does not answer."""
ATTEMPTS = 3
"""Attempts when a read fails otherwise: on the page cache of a Neo4j just started, a first read can run past
`db_timeout`, and the next, over the pages the first one loaded, does not."""


async def warm_home(service: Racegraph) -> bool:
    """Return True once the home page's reads and blocs are kept for the graph version they were read in, and
    the page is stored with that version for the next server (`home_page`), trying again while Neo4j does not
    answer; return False, and log why, when `ATTEMPTS` failed otherwise (the page then computes them at its first
    request, as without a warm-up)."""
    started = time.perf_counter()
    failures = 0
    while True:
        try:
            await service.ensure_schema(service.settings.db_timeout)
            # The page as its visitors get it first (as stored for this graph version by an earlier server, else
            # from its reads, its blocs only up to its budget); then the blocs to the end, and the page with them,
            # stored for the next server. Not side by side: Leiden would slow down the reads a visitor waits for.
            await home_data(service, None)
            await home_page(service)
        except DATABASE_DOWN:
            await asyncio.sleep(RETRY_SECONDS)
            continue
        except Exception as error:  # noqa: BLE001 - a warm-up that fails must not stop the server
            failures += 1
            log.warning("warming the home page, attempt %d of %d failed: %r", failures, ATTEMPTS, error)
            if failures == ATTEMPTS:
                return False
            continue
        log.info("home page warmed in %.2f s", time.perf_counter() - started)
        return True
