"""Run the embedded Neo4j for the CLI when no NEO4J_URI is set."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from app.settings import Settings
from graph.launcher import launcher

log = logging.getLogger(__name__)


def ensure_embedded(settings: Settings) -> bool:
    """Start the embedded Neo4j unless NEO4J_URI is set or it already runs; return True if started now."""
    if not settings.embedded or launcher.status(settings.neo4j_data_dir):
        return False
    launcher.build_launcher()
    launcher.start(
        settings.neo4j_data_dir,
        bolt_port=settings.neo4j_bolt_port,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
        timeout=settings.neo4j_start_timeout,
    )
    return True


@contextmanager
def embedded_neo4j(settings: Settings) -> Iterator[None]:
    """Keep the embedded Neo4j running for the block, stopping it afterwards only if this started it."""
    started = ensure_embedded(settings)
    try:
        yield
    finally:
        if started:
            launcher.stop(settings.neo4j_data_dir)
