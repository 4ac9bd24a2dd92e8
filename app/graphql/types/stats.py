"""Counts."""

from __future__ import annotations

import strawberry

from graph.records import KeyCount


@strawberry.type(description="A count for one key.")
class Count:
    key: str = strawberry.field(description="What is counted (a type, kind, country or YYYY-MM).")
    count: int = strawberry.field(description="How many.")

    @classmethod
    def from_record(cls, record: KeyCount) -> Count:
        return cls(key=record.key, count=record.count)


@strawberry.type(description="The size of the graph.")
class Stats:
    articles: int = strawberry.field(description="Articles stored.")
    entities: int = strawberry.field(description="Entities stored.")
    claims: int = strawberry.field(description="Claims stored.")
    relations: int = strawberry.field(description="Aggregated edges between entities.")
    entities_by_kind: list[Count] = strawberry.field(description="Entities per kind.")
    relations_by_type: list[Count] = strawberry.field(description="Aggregated edges per type.")
