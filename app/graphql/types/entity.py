"""Entities: an interface with a type per kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from app.graphql.context import Info
from graph.records import EntityRecord
from nlp.records import Kind as KindValue
from nlp.records import RelType as RelTypeValue

if TYPE_CHECKING:
    from app.graphql.types.claim import Claim
    from app.graphql.types.relation import Relation

# The GraphQL enums are the records' own: strawberry.enum marks the classes in place.
strawberry.enum(KindValue, name="EntityKind", description="Entity kind.")
strawberry.enum(RelTypeValue, name="RelationType", description="Relation type.")
EntityKind = KindValue
RelationType = RelTypeValue


DEFAULT_RELATIONS = 20
"""Relations `Entity.relations` gives unless asked for another number."""


def _text(properties: JSON, name: str) -> str | None:
    """One text property of an entity (the JSON scalar is typed as an opaque object)."""
    value = cast(dict[str, object], properties).get(name)
    return value if isinstance(value, str) else None


def type_values(types: list[Any] | None) -> list[str]:
    """Return relation type names for a GraphQL list of RelationType (all of them when empty)."""
    return [t.value for t in types] if types else [t.value for t in RelTypeValue]


@strawberry.interface(
    description="A canonical country, person, organization, alliance, policy, product, event or place."
)
class Entity:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. `country:united-states`.")
    name: str = strawberry.field(description="Canonical name.")
    kind: EntityKind = strawberry.field(description="What the entity is.")
    aliases: list[str] = strawberry.field(description="Other names seen in articles.")
    properties: JSON = strawberry.field(description="Kind-specific facts (ISO codes, roles...).")

    @staticmethod
    def resolve_type(obj: Any, info: Any, abstract_type: Any) -> str:
        # Every entity object is one of the kind classes, named like its GraphQL type; Strawberry's
        # default tries each possible type in turn, a cost paid per entity in bulk answers.
        return type(obj).__name__

    @strawberry.field(description="The entity's strongest aggregated relations.")
    async def relations(
        self,
        info: Info,
        types: list[RelationType] | None = None,
        first: int = DEFAULT_RELATIONS,
    ) -> list[Annotated[Relation, strawberry.lazy("app.graphql.types.relation")]]:
        from app.graphql.types.relation import Relation

        limit = info.context.service.check_page(first)
        rows = await info.context.relations_of(type_values(types), limit).load(str(self.id))
        return [Relation.from_record(r) for r in rows]

    @strawberry.field(description="Claims about the entity in date order (oldest first).")
    async def timeline(
        self,
        info: Info,
        types: list[RelationType] | None = None,
        since: str | None = None,
        until: str | None = None,
        first: int = 50,
    ) -> list[Annotated[Claim, strawberry.lazy("app.graphql.types.claim")]]:
        from app.graphql.types.claim import Claim

        service = info.context.service
        rows = await service.reader.timeline(
            str(self.id), type_values(types), since, until, 0, service.check_page(first)
        )
        return [Claim.from_record(r) for r in rows]


@strawberry.type(description="A sovereign country (ISO 3166).")
class Country(Entity):
    @strawberry.field(description="ISO 3166-1 alpha-2 code.")
    def iso_alpha2(self) -> str | None:
        return _text(self.properties, "iso_alpha2")

    @strawberry.field(description="ISO 3166-1 alpha-3 code.")
    def iso_alpha3(self) -> str | None:
        return _text(self.properties, "iso_alpha3")


@strawberry.type(description="A person.")
class Person(Entity):
    @strawberry.field(description="The latest role seen for the person.")
    def role(self) -> str | None:
        return _text(self.properties, "role")


@strawberry.type(description="A company, ministry, agency, party, think tank, medium or university.")
class Organization(Entity):
    pass


@strawberry.type(description="A bloc, treaty or multilateral grouping.")
class Alliance(Entity):
    pass


@strawberry.type(description="A plan, law, rule, initiative or strategy.")
class Policy(Entity):
    pass


@strawberry.type(description="A chip, model or system.")
class Product(Entity):
    pass


@strawberry.type(description="A conference or summit.")
class Event(Entity):
    pass


@strawberry.type(description="A city or region below country level.")
class Location(Entity):
    pass


ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.__name__: cls for cls in (Country, Person, Organization, Alliance, Policy, Product, Event, Location)
}


def entity_from_record(record: EntityRecord) -> Entity:
    """Return the GraphQL entity of a read's entity record."""
    return ENTITY_TYPES[record.kind](
        id=strawberry.ID(record.id),
        name=record.name,
        kind=EntityKind(record.kind),
        aliases=list(record.aliases),
        properties=JSON({k: v for k, v in record.properties.items() if isinstance(v, str | int | float | bool)}),
    )
