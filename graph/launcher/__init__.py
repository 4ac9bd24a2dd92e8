"""The embedded Neo4j for development and tests: a Maven project plus `launcher.py`, which drives it."""

from graph.launcher.launcher import (
    LAUNCHER_DIR,
    Neo4jInstance,
    build_launcher,
    free_port,
    start,
    status,
    stop,
    wait_for_port,
)

__all__ = [
    "LAUNCHER_DIR",
    "Neo4jInstance",
    "build_launcher",
    "free_port",
    "start",
    "status",
    "stop",
    "wait_for_port",
]
