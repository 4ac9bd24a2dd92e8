"""Read the graph: entities, aggregated relations with their claims, articles, counts."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from neo4j import AsyncDriver, Query

from graph import cypher
from graph.connect import UNAVAILABLE_ERRORS
from graph.errors import DatabaseUnavailable

Record = dict[str, Any]

# Characters with a meaning in Lucene query syntax; user search strings are escaped, not interpreted.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def lucene_query(search: str) -> str:
    """Return a Lucene query that matches every word of `search`, by prefix or, for longer words,
    by a small edit distance, with all query syntax escaped."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in search.split()]
    terms = [f"({w}* OR {w}~1)" if len(w) > 3 else f"{w}*" for w in words if w]
    return " AND ".join(terms)


class GraphReader:
    """Read queries over one driver and database; every method is one round trip."""

    def __init__(self, driver: AsyncDriver, database: str, timeout: float = 10.0) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _rows(self, query: str, /, **params: Any) -> list[Record]:
        try:
            records, _, _ = await self.driver.execute_query(
                Query(query, timeout=self.timeout), parameters_=params, database_=self.database, routing_="r"
            )
        except UNAVAILABLE_ERRORS as exc:
            raise DatabaseUnavailable(f"Neo4j is not reachable: {exc}") from exc
        return [r.data() for r in records]

    async def entity(self, entity_id: str) -> Record | None:
        """Return the entity's properties, or None."""
        rows = await self._rows(cypher.MATCH_ENTITY, id=entity_id)
        return rows[0]["entity"] if rows else None

    async def entity_by_name(self, name: str) -> Record | None:
        """Return the entity whose canonical name is `name` (any case), or None."""
        rows = await self._rows(cypher.MATCH_ENTITY_BY_NAME, name=name)
        return rows[0]["entity"] if rows else None

    async def entities_by_id(self, ids: list[str]) -> list[Record | None]:
        """Return the entities in key order, None where missing."""
        rows = await self._rows(cypher.MATCH_ENTITIES_BY_ID, ids=sorted(set(ids)))
        found = {r["entity"]["id"]: r["entity"] for r in rows}
        return [found.get(i) for i in ids]

    async def search_entities(self, search: str | None, limit: int) -> list[Record]:
        """Return entities matching `search` best first, or by name when no search is given."""
        query = lucene_query(search or "")
        if not query:
            return [r["entity"] for r in await self._rows(cypher.MATCH_ENTITIES_BY_NAME, limit=limit)]
        return [r["entity"] for r in await self._rows(cypher.SEARCH_ENTITIES, query=query, limit=limit)]

    async def relations(self, rel_type: str | None, entity_id: str | None, limit: int) -> list[Record]:
        """Return aggregated edges (type, subject, object, stats), most-claimed first."""
        return await self._rows(cypher.MATCH_RELATIONS, type=rel_type, entity=entity_id, limit=limit)

    async def claims_for_pairs(self, pairs: list[tuple[str, str, str]]) -> list[list[Record]]:
        """Return, for each (type, subject_id, object_id), its claims with their article, newest first."""
        keys = [{"type": t, "subject_id": s, "object_id": o} for t, s, o in sorted(set(pairs))]
        rows = await self._rows(cypher.MATCH_CLAIMS_FOR_PAIRS, pairs=keys)
        grouped: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
        for row in rows:
            pair = row["pair"]
            grouped[(pair["type"], pair["subject_id"], pair["object_id"])].append(
                {**row["claim"], "article": row["article"]}
            )
        return [grouped.get(p, []) for p in pairs]

    async def articles(self, limit: int) -> list[Record]:
        """Return the most recently ingested articles, without their text."""
        return [r["article"] for r in await self._rows(cypher.MATCH_ARTICLES, limit=limit)]

    async def counts(self) -> Record:
        """Return node and edge counts: articles, entities, claims, relations."""
        return (await self._rows(cypher.COUNT_GRAPH))[0]
