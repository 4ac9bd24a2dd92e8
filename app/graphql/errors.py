"""Turn resolver exceptions into coded GraphQL errors; everything unexpected is masked."""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from app.errors import MASKED_MESSAGE, to_app_error

log = logging.getLogger(__name__)


def _raised_in_resolver(error: GraphQLError) -> bool:
    # Syntax and validation errors carry no original error and are safe to show as they are.
    return error.original_error is not None


class CodedErrors(MaskErrors):
    """Shows expected errors with `extensions.code`; masks the rest and logs them."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_raised_in_resolver, error_message=MASKED_MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        app_error = to_app_error(error.original_error) if error.original_error else None
        if app_error is None:
            log.error("unexpected error in %s", error.path, exc_info=error.original_error)
            message, code = MASKED_MESSAGE, "INTERNAL_SERVER_ERROR"
        else:
            message, code = str(app_error), app_error.code
        return GraphQLError(
            message, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
            extensions={"code": code},
        )
