"""The GraphQL schema: domain queries combined, mutations, and the safety extensions."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types

from app.graphql.errors import CodedErrors
from app.graphql.mutations import Mutation
from app.graphql.queries.articles import ArticleQueries
from app.graphql.queries.entities import EntityQueries

Query = merge_types("Query", (EntityQueries, ArticleQueries))


def build_schema() -> strawberry.Schema:
    """Return the schema with error coding and the parser and validation caches."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[CodedErrors, lambda: ParserCache(maxsize=512), lambda: ValidationCache(maxsize=512)],
    )


SCHEMA = build_schema()
