"""Errors raised by the graph package; `GraphError` is the root."""


class GraphError(Exception):
    """Root of every error the graph package raises on purpose."""


class LauncherError(GraphError):
    """The embedded Neo4j cannot be built, started, stopped or reached."""


class DatabaseUnavailable(GraphError):
    """Neo4j did not answer (stopped, starting, or unreachable)."""


class NotFound(GraphError):
    """A requested node does not exist."""


class BulkLoadError(GraphError):
    """A bulk load cannot go on: the target is not empty, a value cannot be written, or the import failed."""


class TargetNotEmpty(BulkLoadError):
    """A bulk load was pointed at a folder that already holds something."""
