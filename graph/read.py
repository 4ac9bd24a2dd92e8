"""Read the graph: entities, aggregated relations with their claims, articles, counts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
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


@dataclass
class Subgraph:
    """Entities around some seeds and the aggregated edges between them, ready to serialise."""

    nodes: dict[str, Record] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Record] = field(default_factory=dict)
    truncated: bool = False  # the node cap cut the expansion short

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values()), "truncated": self.truncated}


@dataclass(frozen=True)
class SubgraphFilter:
    """Which edges a subgraph follows: types, dates overlapping [since, until], at least min_claims."""

    types: tuple[str, ...]
    since: str | None = None
    until: str | None = None
    min_claims: int = 1


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

    async def subgraph(
        self, seeds: list[str], depth: int, where: SubgraphFilter, max_nodes: int, per_node: int
    ) -> Subgraph:
        """Return the subgraph reached from `seeds` in up to `depth` hops along edges that pass
        `where`, breadth first, one round trip per hop, keeping at most `max_nodes` nodes and
        following the `per_node` strongest edges of each expanded node."""
        graph = Subgraph()
        for row in await self.entities_by_id(seeds):
            if row is not None:
                graph.nodes[row["id"]] = {k: row[k] for k in ("id", "name", "kind")}
        frontier = list(graph.nodes)
        for _ in range(depth):
            if not frontier:
                break
            rows = await self._rows(
                cypher.EXPAND_FRONTIER, frontier=frontier, types=list(where.types), min_claims=where.min_claims,
                since=where.since, until=where.until, per_node=per_node,
            )
            frontier = []
            for row in rows:
                node = row["node"]
                if node["id"] not in graph.nodes:
                    if len(graph.nodes) >= max_nodes:
                        graph.truncated = True
                        continue
                    graph.nodes[node["id"]] = node
                    frontier.append(node["id"])
                key = (row["type"], row["source"], row["target"])
                graph.edges[key] = {"type": row["type"], "source": row["source"], "target": row["target"], **row["stats"]}
        graph.edges = {k: e for k, e in graph.edges.items() if e["source"] in graph.nodes and e["target"] in graph.nodes}
        return graph

    async def articles(self, limit: int) -> list[Record]:
        """Return the most recently ingested articles, without their text."""
        return [r["article"] for r in await self._rows(cypher.MATCH_ARTICLES, limit=limit)]

    async def article(self, article_id: str) -> Record | None:
        """Return the article with its text, `entities` (with flat `spans`) and `claims`, or None."""
        rows = await self._rows(cypher.MATCH_ARTICLE_DETAIL, id=article_id)
        if not rows:
            return None
        return {**rows[0]["article"], "entities": rows[0]["entities"], "claims": rows[0]["claims"]}

    async def counts(self) -> Record:
        """Return node and edge counts: articles, entities, claims, relations."""
        return (await self._rows(cypher.COUNT_GRAPH))[0]
