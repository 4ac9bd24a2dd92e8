"""Limits on what one GraphQL request may cost: its estimated cost before it runs, the objects of its
result while it runs, and the size of the documents the parser and validation caches keep."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    parse,
)
from graphql.type import GraphQLField, GraphQLInterfaceType, GraphQLObjectType
from graphql.utilities import get_operation_ast
from graphql.validation import ASTValidationRule, ValidationContext, ValidationRule
from strawberry.extensions import QueryDepthLimiter, SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext, validate_document

from app.errors import ResultTooLarge

COST_CODE = "QUERY_TOO_COSTLY"
LENGTH_CODE = "QUERY_TOO_LONG"

SIZE_ARGUMENTS = ("first", "limit")
"""The arguments that say how many items a list field returns."""
UNSIZED_LIST = 10
"""Items assumed for a list of objects without a size argument (an article's claims, a path's hops);
the cap on result objects bounds what such a list really returns."""


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    max_page_size: int,
) -> int:
    """Return how many fields the operation would resolve at most: each field counts once per object it
    is asked on, and a field with a `first` or `limit` argument (its value, else its default) or a list
    of objects without one (`UNSIZED_LIST`) multiplies the fields below it. A connection or neighbourhood
    counts its size once, on its lists. Introspection counts one per field (its size is the schema's)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _FieldCounter(schema, fragments, variables or {}, max_page_size).cost(operation.selection_set, root, 1)


def _sizes_children(field: GraphQLField) -> bool:
    # A field sized by its argument that returns one object (a connection, a neighbourhood): the
    # size counts on its lists (`edges`, `nodes`) already.
    return any(name in field.args for name in SIZE_ARGUMENTS) and not is_list_type(get_nullable_type(field.type))


@dataclass(frozen=True)
class _FieldCounter:
    """Counts the fields of one operation (`estimate_cost`), with its fragments and variables."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    values: dict[str, Any]
    max_page_size: int

    def size(self, field: GraphQLField, node: FieldNode, sized_parent: bool) -> int:
        """Return how many items `field` may return, as asked at `node`."""
        for name in SIZE_ARGUMENTS:
            if name not in field.args:
                continue
            given = next((a.value for a in node.arguments or () if a.name.value == name), None)
            value: object = field.args[name].default_value
            if isinstance(given, IntValueNode):
                value = int(given.value)
            elif isinstance(given, VariableNode):
                value = self.values.get(given.name.value, value)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                return 1
            # A `first` over the page size is refused by its resolver before anything is read.
            return min(value, self.max_page_size) if name == "first" else value
        if is_list_type(get_nullable_type(field.type)) and not sized_parent:
            return UNSIZED_LIST
        return 1

    def cost(self, selection_set: SelectionSetNode, parent: GraphQLNamedType, times: int, sized: bool = False) -> int:
        """Return the fields `selection_set` resolves on `times` objects of type `parent`."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += times
                fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
                field = fields.get(selection.name.value)
                if field is None or selection.selection_set is None:
                    continue  # a leaf, or introspection (__schema, __type, __typename)
                inner = get_named_type(field.type)
                total += self.cost(
                    selection.selection_set, inner, times * self.size(field, selection, sized), _sizes_children(field)
                )
            elif isinstance(selection, InlineFragmentNode):
                on = selection.type_condition
                on_type = self.schema.get_type(on.name.value) if on else None
                total += self.cost(selection.selection_set, on_type or parent, times, sized)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:  # validation, which ran before, refuses unknown and cyclic spreads
                    on_type = self.schema.get_type(fragment.type_condition.name.value) or parent
                    total += self.cost(fragment.selection_set, on_type, times, sized)
        return total


def depth_rule(max_depth: int) -> type[ValidationRule]:
    """Return the rule refusing operations nested more than `max_depth` levels, the top-level field
    being the first (Strawberry's QueryDepthLimiter counts from 0 there, so it would allow one more)."""
    (rule,) = QueryDepthLimiter(max_depth=max_depth - 1).validation_rules

    class DepthRule(rule):  # type: ignore[valid-type, misc]
        def __init__(self, context: ValidationContext) -> None:
            # The rule reports while it is made: state the limit as configured in its message.
            report = context.report_error

            def report_limit(error: GraphQLError) -> None:
                message = error.message.replace(f"depth of {max_depth - 1}", f"depth of {max_depth}")
                report(GraphQLError(message, error.nodes))

            context.report_error = report_limit  # type: ignore[method-assign]
            try:
                super().__init__(context)
            finally:
                del context.report_error

    return DepthRule


class QueryCostLimiter(SchemaExtension):
    """Refuses, before it runs, an operation whose estimated cost (`estimate_cost`) is over the limit.
    It runs once the variables are known (validation is cached per document and cannot see them)."""

    def __init__(self, max_cost: int, max_page_size: int) -> None:
        self.max_cost = max_cost
        self.max_page_size = max_page_size

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            cost = estimate_cost(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables,
                self.max_page_size,
            )
            if cost > self.max_cost:
                raise GraphQLError(
                    f"{COST_CODE}: this query could resolve up to {cost} fields, more than the limit of "
                    f"{self.max_cost} (RACEGRAPH_MAX_QUERY_COST); ask for smaller `first` values or fewer levels.",
                    extensions={"code": COST_CODE},
                )
        yield


def result_size_context(max_objects: int) -> type[StrawberryGraphQLCoreExecutionContext]:
    """Return an execution context class that stops completing objects past `max_objects` in one
    result (the cost estimate assumes list sizes that some lists, an article's claims, can exceed), and
    answers a result cut short so with that one error and no data: the objects past the cap each raised
    it, and a partial answer would look complete."""

    class ResultSizeContext(StrawberryGraphQLCoreExecutionContext):
        objects = 0

        def complete_object_value(self, return_type: GraphQLObjectType, *args: Any, **kwargs: Any) -> Any:
            self.objects += 1
            if self.objects > max_objects:
                raise ResultTooLarge(
                    f"the result would hold more than {max_objects} objects (RACEGRAPH_MAX_RESULT_OBJECTS); "
                    "ask for smaller `first` values or fewer levels"
                )
            return super().complete_object_value(return_type, *args, **kwargs)

        def build_response(self, data: dict[str, Any] | None) -> Any:
            # Here rather than in a schema extension: each extension costs every request some 30 us of hooks.
            response = super().build_response(data)
            if self.objects > max_objects and isinstance(response, ExecutionResult):
                errors = response.errors or []
                too_large = next((e for e in errors if isinstance(e.original_error, ResultTooLarge)), None)
                if too_large is not None:
                    return ExecutionResult(None, [too_large])
            return response

    return ResultSizeContext


@lru_cache(maxsize=256)
def _cached_parse(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


@lru_cache(maxsize=256)
def _cached_validate(
    schema: GraphQLSchema, query: str, max_tokens: int, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    # Keyed by the text, whose hash Python keeps, where a key holding the document would hash its whole tree
    # on every request (8 us for `entity(id)`, 30 for a 2-hop neighbourhood).
    return validate_document(schema, _cached_parse(query, max_tokens), rules)


class DocumentLimiter(SchemaExtension):
    """Refuses query texts over `max_chars` and limits their tokens; validates documents with Strawberry's
    rules and `rules` (the depth and alias limits); and caches the parsed and validated documents of texts
    up to `cache_chars` only: the caches are keyed by the whole text, so large distinct texts would each keep
    their document (Strawberry's ParserCache and ValidationCache)."""

    def __init__(
        self, max_chars: int, cache_chars: int, max_tokens: int, rules: tuple[type[ASTValidationRule], ...] = ()
    ) -> None:
        self.max_chars = max_chars
        self.cache_chars = cache_chars
        self.max_tokens = max_tokens
        self.rules = rules
        self.cached = False

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        if len(query) > self.max_chars:
            raise GraphQLError(
                f"{LENGTH_CODE}: the query is {len(query)} characters long, more than the limit of {self.max_chars} "
                "(RACEGRAPH_MAX_QUERY_CHARS).",
                extensions={"code": LENGTH_CODE},
            )
        if context.graphql_document is None and query:
            self.cached = len(query) <= self.cache_chars
            context.graphql_document = (
                _cached_parse(query, self.max_tokens) if self.cached else parse(query, max_tokens=self.max_tokens)
            )
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        rules = context.validation_rules + self.rules
        if self.cached and context.query:
            schema = context.schema._schema
            context.pre_execution_errors = _cached_validate(schema, context.query, self.max_tokens, rules)
        elif context.graphql_document is not None:
            context.pre_execution_errors = validate_document(context.schema._schema, context.graphql_document, rules)
        yield
