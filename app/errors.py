"""Errors the app shows to clients, and the one place that maps any error to what a client sees."""

from __future__ import annotations

from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import DatabaseUnavailable, GraphError
from graph.errors import NotFound as GraphNotFound
from nlp.errors import InputError, NlpError


class AppError(Exception):
    """An error a client may see, with its GraphQL code, HTTP status and CLI exit code."""

    code = "INTERNAL_SERVER_ERROR"
    status = 500
    exit_code = 1


class BadRequest(AppError):
    code, status, exit_code = "BAD_USER_INPUT", 400, 2


class NotFound(AppError):
    code, status, exit_code = "NOT_FOUND", 404, 3


class Unauthenticated(AppError):
    code, status, exit_code = "UNAUTHENTICATED", 401, 4


class Forbidden(AppError):
    code, status, exit_code = "FORBIDDEN", 403, 4


class TooMany(AppError):
    code, status, exit_code = "TOO_MANY", 429, 2


class BodyTooLarge(AppError):
    code, status, exit_code = "PAYLOAD_TOO_LARGE", 413, 2


class BodyStalled(AppError):
    code, status, exit_code = "REQUEST_TIMEOUT", 408, 2


class ResultTooLarge(AppError):
    code, status, exit_code = "RESULT_TOO_LARGE", 400, 2


class Unavailable(AppError):
    code, status, exit_code = "UNAVAILABLE", 503, 5


MASKED_MESSAGE = "Unexpected error."
UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly."
DATABASE_DOWN = (DatabaseUnavailable, ServiceUnavailable, SessionExpired)
"""Errors that mean Neo4j is not answering (rather than a query failing)."""


def to_app_error(exc: BaseException) -> AppError | None:
    """Return the client-facing form of `exc`, or None when it must be masked."""
    if isinstance(exc, AppError):
        return exc
    if isinstance(exc, DATABASE_DOWN):
        return Unavailable(UNAVAILABLE_MESSAGE)
    if isinstance(exc, Neo4jError) and "TransactionTimedOut" in (exc.code or ""):
        # The per-call timeout (Settings.db_timeout) ended the query: the caller can narrow it.
        return Unavailable("The query took too long; narrow it (fewer hops, dates, types) or try again.")
    if isinstance(exc, GraphNotFound):
        return NotFound(str(exc))
    if isinstance(exc, InputError):
        return BadRequest(str(exc))
    if isinstance(exc, NlpError | GraphError):
        return AppError(MASKED_MESSAGE)
    return None
