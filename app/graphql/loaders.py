"""DataLoaders: one Cypher call per batch of keys, results in key order."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from graph.read import GraphReader

Pair = tuple[str, str, str]


class ClaimsByPairLoader(DataLoader[Pair, list[dict[str, Any]]]):
    """Claims behind aggregated edges, keyed by (type, subject_id, object_id)."""

    def __init__(self, reader: GraphReader) -> None:
        async def load(keys: list[Pair]) -> list[list[dict[str, Any]]]:
            return await reader.claims_for_pairs(keys)

        super().__init__(load_fn=load)
