"""DataLoaders: one Cypher call per batch of keys, results in key order, None when missing."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.events import Report
from graph.model import Pair
from graph.read import GraphReader
from graph.records import ArticleDetailRecord, ClaimRecord, EntityRecord, RelationRecord


class ClaimsByPairLoader(DataLoader[Pair, list[ClaimRecord]]):
    """The `limit` newest claims behind aggregated edges, keyed by (type, subject_id, object_id)."""

    def __init__(self, reader: GraphReader, limit: int) -> None:
        async def load(keys: list[Pair]) -> list[list[ClaimRecord]]:
            return await reader.claims_for_pairs(keys, limit)

        super().__init__(load_fn=load)


class ReportsByPairLoader(DataLoader[Pair, list[Report]]):
    """The reports behind each edge (date, article id, claims), for grouping into events."""

    def __init__(self, reader: GraphReader) -> None:
        async def load(keys: list[Pair]) -> list[list[Report]]:
            return await reader.reports_for_pairs(keys)

        super().__init__(load_fn=load)


class EntityByIdLoader(DataLoader[str, EntityRecord | None]):
    """Entities by id."""

    def __init__(self, reader: GraphReader) -> None:
        async def load(keys: list[str]) -> list[EntityRecord | None]:
            return await reader.entities_by_id(keys)

        super().__init__(load_fn=load)


class ArticleDetailByIdLoader(DataLoader[str, ArticleDetailRecord | None]):
    """Articles with text, mentions and claims, by id."""

    def __init__(self, reader: GraphReader) -> None:
        async def load(keys: list[str]) -> list[ArticleDetailRecord | None]:
            return await reader.article_details(keys)

        super().__init__(load_fn=load)


class RelationsByEntityLoader(DataLoader[str, list[RelationRecord]]):
    """The strongest edges of each entity, for one choice of types and page size."""

    def __init__(self, reader: GraphReader, types: list[str], limit: int) -> None:
        async def load(keys: list[str]) -> list[list[RelationRecord]]:
            return await reader.relations_of_entities(keys, types, limit)

        super().__init__(load_fn=load)
