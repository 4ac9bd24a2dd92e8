"""Reading ahead for `entity(id)`: when the query asks for the entity's relations, and maybe for the
relations of the entities those reach, one Cypher query reads all of it into the request's loaders,
where the resolvers would take three round trips in turn (the entity, its edges, the far ends' edges).

Only what the resolvers would ask is read, through the same loaders: when the selection holds more than
the read covers (other arguments at the second hop, fragments, directives), those resolvers read the rest
themselves, so the answer is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types.nodes import SelectedField, Selection

from app.errors import BadRequest
from app.graphql.context import Info
from app.graphql.types.entity import DEFAULT_RELATIONS, type_values
from nlp.records import RelType


@dataclass(frozen=True)
class RelationsAsked:
    """The arguments of a `relations` field: its types (values) and page size."""

    types: tuple[str, ...]
    first: int


def _relations_field(selections: list[Selection]) -> SelectedField | None:
    """The first `relations` field selected directly, without directives, or None."""
    for selection in selections:
        if isinstance(selection, SelectedField) and selection.name == "relations" and not selection.directives:
            return selection
    return None


def _asked(field: SelectedField) -> RelationsAsked:
    """The arguments of `field` as its resolver gets them: a literal enum comes as its name, a variable as
    its value, a single type without a list, an integer literal as text."""
    types: Any = field.arguments.get("types")
    if types is not None and not isinstance(types, list):
        types = [types]
    first = field.arguments.get("first")  # None when left out, or given as a variable left unset
    chosen = type_values([RelType(t) for t in types] if types else None)
    return RelationsAsked(tuple(sorted(chosen)), DEFAULT_RELATIONS if first is None else int(first))


def _far_relations(near: SelectedField) -> SelectedField | None:
    """The first `relations` field asked of an end (`subject` or `object`) of the edges in `near`."""
    for end in near.selections:
        if isinstance(end, SelectedField) and end.name in ("subject", "object") and not end.directives:
            far = _relations_field(end.selections)
            if far is not None:
                return far
    return None


async def read_ahead(info: Info, entity_id: str) -> None:
    """Read the entity with the relations the query asks of it and of the entities they reach, in one
    round trip, into the request's loaders; do nothing when the query asks for no relations of it or
    for a page size its resolver will refuse."""
    # One field node per time the field is selected under its response key; their selections merge.
    selections = [s for field in info.selected_fields if isinstance(field, SelectedField) for s in field.selections]
    near_field = _relations_field(selections)
    if near_field is None:
        return
    context = info.context
    near = _asked(near_field)
    far_field = _far_relations(near_field)
    far = _asked(far_field) if far_field is not None else None
    try:
        context.service.check_page(near.first)
        if far is not None:
            context.service.check_page(far.first)
    except BadRequest:
        return  # the resolver says why
    # Both hops are written into one query for one set of types; a second hop of other types is left to
    # its resolvers.
    far_first = far.first if far is not None and far.types == near.types else 0
    found = await context.service.reader.entity_with_relations(entity_id, list(near.types), near.first, far_first)
    if found is None:
        context.entity_by_id.prime(entity_id, None)
        return
    context.entity_by_id.prime(entity_id, found.entity)
    context.relations_of(list(near.types), near.first).prime(entity_id, list(found.relations))
    if far_first:
        reached = {r.object.id if r.subject.id == entity_id else r.subject.id for r in found.relations}
        if far_first != near.first:
            reached.add(entity_id)  # its edges at the second hop's page size, asked when an end is the entity
        far_loader = context.relations_of(list(near.types), far_first)
        for end in reached:
            far_loader.prime(end, list(found.far_relations.get(end, ())))
