"""Turn resolver exceptions into coded GraphQL errors; everything unexpected is masked. Log each error
as what it is: a client's mistake in one line, an unexpected failure with its traceback."""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import MaskErrors

from app.errors import MASKED_MESSAGE, Unavailable, to_app_error

log = logging.getLogger(__name__)


def _request_error(error: GraphQLError) -> bool:
    # Syntax, validation and variable errors carry no original error, or the coercion error of a
    # variable's value (Strawberry's, or graphql-core's for built-in scalars and enums: a number for a
    # String, an unknown enum value); their messages say what is wrong with the request and are safe to show.
    original = error.original_error
    return (
        original is None
        or isinstance(original, StrawberryInputCoercionError)
        or (isinstance(original, GraphQLError) and error.path is None)
    )


def _where(error: GraphQLError) -> str:
    return ".".join(map(str, error.path)) if error.path else "the request"


def log_error(error: GraphQLError) -> None:
    """Log one GraphQL error: a line at INFO for what the client got wrong (a refused request, or a
    coded error such as BAD_USER_INPUT or NOT_FOUND), a line at WARNING when the database is
    unavailable, and the traceback at ERROR for anything unexpected (which clients see masked)."""
    if _request_error(error):
        log.info("refused request: %s", error.message)
        return
    original = error.original_error
    app_error = to_app_error(original) if original is not None else None
    if app_error is None or app_error.code == "INTERNAL_SERVER_ERROR":
        log.error("unexpected error in %s", _where(error), exc_info=original)
    elif isinstance(app_error, Unavailable):
        log.warning("%s in %s: %s", app_error.code, _where(error), app_error)
    else:
        log.info("%s in %s: %s", app_error.code, _where(error), app_error)


class CodedErrors(MaskErrors):
    """Shows expected errors with `extensions.code`; masks the rest (the schema logs them)."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not _request_error(error), error_message=MASKED_MESSAGE)

    def _process_result(self, result: object) -> None:
        # MaskErrors first tests the result against a runtime-checkable Protocol, which costs about 10 us on
        # every request (Python 3.11); a result without errors needs only this look.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        app_error = to_app_error(error.original_error) if error.original_error else None
        if app_error is None:
            message, code = MASKED_MESSAGE, "INTERNAL_SERVER_ERROR"
        else:
            message, code = str(app_error), app_error.code
        return GraphQLError(
            message, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
            extensions={"code": code},
        )
