"""The GraphQL schema: domain queries combined, mutations, subscriptions, and the safety extensions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, SchemaExtension
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from app.errors import DATABASE_DOWN
from app.graphql.context import Context
from app.graphql.errors import CodedErrors, log_error
from app.graphql.limits import (
    DocumentLimiter,
    QueryCostLimiter,
    depth_rule,
    result_size_context,
)
from app.graphql.mutations import Mutation
from app.graphql.queries.articles import ArticleQueries
from app.graphql.queries.entities import EntityQueries
from app.graphql.queries.graph import GraphQueries
from app.graphql.queries.insights import InsightQueries
from app.graphql.queries.relations import RelationQueries
from app.graphql.queries.sources import SourceQueries
from app.graphql.queries.stats import StatsQueries
from app.graphql.subscriptions import Subscription
from app.graphql.types.entity import ENTITY_TYPES
from app.settings import Settings

Query = merge_types(
    "Query",
    (EntityQueries, RelationQueries, GraphQueries, InsightQueries, ArticleQueries, StatsQueries, SourceQueries),
)


class RacegraphSchema(strawberry.Schema):
    """A strawberry.Schema that logs each error as what it is (`log_error`). Strawberry's own logs
    every error at ERROR with a traceback, so each bad query from a client would flood the log.
    An error saying Neo4j is not answering makes the service fail requests fast for a while."""

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Run a query or mutation. Subscriptions run over graphql-ws only: over HTTP they would answer
        null and a masked error, so they are refused with 400 like any operation type a method cannot run."""
        allowed = kwargs.get("allowed_operation_types") or DEFAULT_ALLOWED_OPERATION_TYPES
        kwargs["allowed_operation_types"] = set(allowed) - {OperationType.SUBSCRIPTION}
        return await super().execute(*args, **kwargs)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Each object past the result cap raises the same error: log each distinct message once.
        logged: set[str] = set()
        context = execution_context.context if execution_context else None
        if isinstance(context, Context) and any(isinstance(e.original_error, DATABASE_DOWN) for e in errors):
            context.service.database_down()
        for error in errors:
            if error.message not in logged:
                logged.add(error.message)
                log_error(error)


def build_schema(settings: Settings | None = None) -> RacegraphSchema:
    """Return the schema with coded errors, the parser and validation caches and the limits in `settings`."""
    settings = settings or Settings(_env_file=None)
    # The limiters' rule classes are made once per schema: the validation cache is keyed by the rules,
    # and limiters made per request bring new rule classes that would never hit it.
    limits = (
        depth_rule(settings.max_query_depth),
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    )
    # Few extensions: Strawberry looks up and enters each one's hooks on every request, some 30 us apiece.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        CodedErrors,
        lambda: DocumentLimiter(settings.max_query_chars, settings.cache_query_chars, settings.max_tokens, limits),
        lambda: QueryCostLimiter(settings.max_query_cost, settings.max_page_size),
    ]
    return RacegraphSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(ENTITY_TYPES.values()),
        extensions=extensions,
        execution_context_class=result_size_context(settings.max_result_objects),
    )


SCHEMA = build_schema()
