"""Read the graph: entities, aggregated relations with their claims, articles, counts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from neo4j import READ_ACCESS, AsyncDriver, Query

from graph import cypher
from graph.connect import UNAVAILABLE_ERRORS
from graph.errors import DatabaseUnavailable
from graph.events import Report
from graph.model import Pair, pair_rows
from graph.records import (
    ArticleDetailRecord,
    ArticleRecord,
    ClaimRecord,
    EdgeRecord,
    EntityRecord,
    EntityWithRelationsRecord,
    GraphCounts,
    KeyCount,
    RelationRecord,
    Row,
)
from graph.schema import SYMMETRIC_TYPES, RelType

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

    nodes: dict[str, EntityRecord] = field(default_factory=dict)  # id, name and kind only
    edges: dict[tuple[str, str, str], EdgeRecord] = field(default_factory=dict)
    truncated: bool = False  # the node cap cut the expansion short

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": [n.summary() for n in self.nodes.values()],
            "edges": [e.as_row() for e in self.edges.values()],
            "truncated": self.truncated,
        }


@dataclass(frozen=True)
class SubgraphFilter:
    """Which edges a subgraph follows: types, dates overlapping [since, until], at least min_claims."""

    types: tuple[str, ...]
    since: str | None = None
    until: str | None = None
    min_claims: int = 1


@dataclass(frozen=True)
class RelationFilter:
    """Which facts a relation list, a count or a statistic covers. `entity` is an id either end
    touches; `subject`/`object` match either way round for symmetric types."""

    types: tuple[str, ...] = tuple(t.value for t in RelType)
    subject: str | None = None
    object: str | None = None
    entity: str | None = None
    min_confidence: float = 0.0
    min_sources: int = 1  # distinct articles behind the edge
    include_hedged: bool = True
    since: str | None = None
    until: str | None = None
    source: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "types": list(self.types), "subject": self.subject, "object": self.object, "entity": self.entity,
            "symmetric": [t.value for t in SYMMETRIC_TYPES], "min_confidence": self.min_confidence,
            "min_sources": self.min_sources,
            "include_hedged": self.include_hedged, "since": self.since, "until": self.until, "source": self.source,
        }

    @property
    def anchor(self) -> str | None:
        """An entity id every matching edge touches, to start the match from, or None."""
        return self.entity or self.subject or self.object


CLAIM_STATS = {
    "TYPE": cypher.COUNT_CLAIMS_BY_TYPE,
    "MONTH": cypher.COUNT_CLAIMS_BY_MONTH,
    "COUNTRY": cypher.COUNT_CLAIMS_BY_COUNTRY,
}


# The fewest edges a node follows beyond the first hop of a subgraph that shares its room.
MIN_SHARE = 10


class GraphReader:
    """Read queries over one driver and database; every method is one round trip."""

    def __init__(self, driver: AsyncDriver, database: str, timeout: float = 10.0) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _rows(self, query: str, /, **params: Any) -> list[Row]:
        # An auto-commit read: one round trip, where a managed transaction (execute_query) adds a
        # commit, about twice the fixed cost of a small query.
        try:
            async with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                result = await session.run(Query(query, timeout=self.timeout), params)
                # Every read returns plain maps and lists, so `Result.data()`'s recursive walk, which turns
                # nodes into dicts, would only cost time (a millisecond on a neighbourhood, tens on a big
                # subgraph).
                return [dict(record.items()) async for record in result]  # type: ignore[no-untyped-call]
        except UNAVAILABLE_ERRORS as exc:
            raise DatabaseUnavailable(f"Neo4j is not reachable: {exc}") from exc

    async def entity(self, entity_id: str) -> EntityRecord | None:
        """Return the entity, or None."""
        rows = await self._rows(cypher.MATCH_ENTITY, id=entity_id)
        return EntityRecord.from_row(rows[0]["entity"]) if rows else None

    async def entity_by_name(self, name: str) -> EntityRecord | None:
        """Return the entity whose canonical name is `name` (any case), or None."""
        rows = await self._rows(cypher.MATCH_ENTITY_BY_NAME, name=name)
        return EntityRecord.from_row(rows[0]["entity"]) if rows else None

    async def entities_by_id(self, ids: list[str]) -> list[EntityRecord | None]:
        """Return the entities in key order, None where missing."""
        rows = await self._rows(cypher.MATCH_ENTITIES_BY_ID, ids=sorted(set(ids)))
        found = {r["entity"]["id"]: EntityRecord.from_row(r["entity"]) for r in rows}
        return [found.get(i) for i in ids]

    async def search_entities(
        self, search: str | None, kinds: list[str] | None = None, skip: int = 0, limit: int = 20
    ) -> list[EntityRecord]:
        """Return entities matching `search` best first (by name without one), of the given kinds."""
        query = lucene_query(search or "")
        if not query:
            rows = await self._rows(cypher.MATCH_ENTITIES_BY_NAME, kinds=kinds, skip=skip, limit=limit)
        else:
            rows = await self._rows(cypher.SEARCH_ENTITIES, query=query, kinds=kinds, skip=skip, limit=limit)
        return [EntityRecord.from_row(r["entity"]) for r in rows]

    async def count_entities(self, search: str | None, kinds: list[str] | None = None) -> int:
        """Return how many entities `search_entities` pages through."""
        query = lucene_query(search or "")
        if not query:
            return int((await self._rows(cypher.COUNT_ENTITIES, kinds=kinds))[0]["total"])
        return int((await self._rows(cypher.COUNT_SEARCH_ENTITIES, query=query, kinds=kinds))[0]["total"])

    async def relations(
        self, where: RelationFilter, order: str = "CLAIMS", skip: int = 0, limit: int = 20
    ) -> list[RelationRecord]:
        """Return a page of aggregated edges passing `where`."""
        params = {**where.params(), "order": order, "skip": skip, "limit": limit}
        if where.anchor:
            rows = await self._rows(cypher.MATCH_RELATIONS_AROUND, anchor=where.anchor, **params)
        else:
            rows = await self._rows(cypher.MATCH_RELATIONS, **params)
        return [RelationRecord.from_row(r) for r in rows]

    async def count_relations(self, where: RelationFilter) -> int:
        """Return how many edges `relations` pages through."""
        if where.anchor:
            rows = await self._rows(cypher.COUNT_RELATIONS_AROUND, anchor=where.anchor, **where.params())
        else:
            rows = await self._rows(cypher.COUNT_RELATIONS, **where.params())
        return int(rows[0]["total"])

    async def relations_of_entities(
        self, ids: list[str], types: list[str], limit: int
    ) -> list[list[RelationRecord]]:
        """Return, for each entity id in order, its `limit` strongest edges of the given types."""
        query = cypher.MATCH_RELATIONS_OF_ENTITIES.get(frozenset(types))
        if query is None:  # no type asked
            return [[] for _ in ids]
        rows = await self._rows(
            query, ids=sorted(set(ids)), per_node=limit, min_claims=0, since=None, until=None
        )
        grouped: dict[str, list[RelationRecord]] = defaultdict(list)
        for row in rows:
            grouped[row["id"]].append(RelationRecord.from_row(row))
        return [grouped.get(i, []) for i in ids]

    async def entity_with_relations(
        self, entity_id: str, types: list[str], limit: int, far_limit: int = 0
    ) -> EntityWithRelationsRecord | None:
        """Return the entity with its `limit` strongest edges of the given types and, unless `far_limit` is 0,
        the `far_limit` strongest of each entity those reach (and of the entity, when `far_limit` is not
        `limit`): what `entity`, then `relations_of_entities` for the entity, then for the entities
        reached return, in one round trip. None when the entity is missing."""
        query = cypher.MATCH_ENTITY_WITH_RELATIONS[frozenset(types)]
        rows = await self._rows(
            query, id=entity_id, per_node=limit, far_per_node=far_limit, min_claims=0, since=None, until=None
        )
        if not rows:
            return None
        (row,) = rows
        far: dict[str, list[RelationRecord]] = defaultdict(list)
        for edge in row["far"]:
            far[edge["id"]].append(RelationRecord.from_row(edge))
        return EntityWithRelationsRecord(
            EntityRecord.from_row(row["entity"]), tuple(RelationRecord.from_row(r) for r in row["relations"]),
            {entity: tuple(edges) for entity, edges in far.items()},
        )

    async def shortest_paths(
        self, source: str, target: str, types: list[str], since: str | None, until: str | None,
        max_hops: int, limit: int,
    ) -> list[list[RelationRecord]]:
        """Return up to `limit` shortest paths of at most `max_hops` hops, each a list of edges."""
        if not 1 <= max_hops <= cypher.MAX_PATH_HOPS:
            raise ValueError(f"max_hops must be between 1 and {cypher.MAX_PATH_HOPS}")
        filtered = set(types) != {t.value for t in RelType} or since is not None or until is not None
        rows = await self._rows(
            cypher.MATCH_SHORTEST_PATHS[(max_hops, filtered)], **{"from": source, "to": target}, types=types,
            since=since, until=until, limit=limit,
        )
        return [[RelationRecord.from_row(hop) for hop in row["hops"]] for row in rows]

    async def timeline(
        self, entity_id: str, types: list[str], since: str | None, until: str | None, skip: int, limit: int
    ) -> list[ClaimRecord]:
        """Return the entity's claims in date order, each with subject, object and article."""
        rows = await self._rows(
            cypher.MATCH_TIMELINE, id=entity_id, types=types, since=since, until=until, skip=skip, limit=limit
        )
        return [ClaimRecord.from_row(r["claim"]) for r in rows]

    async def claim_stats(self, where: RelationFilter, group_by: str) -> list[KeyCount]:
        """Return claim counts grouped by TYPE, MONTH or COUNTRY."""
        return _key_counts(await self._rows(CLAIM_STATS[group_by], **where.params()))

    async def claims_created_after(self, after: str, limit: int) -> list[ClaimRecord]:
        """Return claims created after the ISO instant `after`, oldest first, each with subject, object and
        article."""
        rows = await self._rows(cypher.MATCH_CLAIMS_CREATED_AFTER, after=after, limit=limit)
        return [ClaimRecord.from_row(r["claim"]) for r in rows]

    async def newest_claims(self, limit: int) -> list[ClaimRecord]:
        """Return the `limit` claims written last, newest first, each with subject, object and article."""
        rows = await self._rows(cypher.MATCH_NEWEST_CLAIMS, limit=limit)
        return [ClaimRecord.from_row(r["claim"]) for r in rows]

    async def now(self) -> str:
        """Return the database's current time as an ISO string."""
        return str((await self._rows(cypher.RETURN_NOW))[0]["now"])

    async def claims_for_pairs(
        self, pairs: list[Pair], limit: int | None = None
    ) -> list[list[ClaimRecord]]:
        """Return, for each (type, subject_id, object_id), its claims (the `limit` newest, or all) with their
        article, newest first."""
        if limit is None:
            rows = await self._rows(cypher.MATCH_CLAIMS_FOR_PAIRS, pairs=pair_rows(pairs))
        else:
            rows = await self._rows(cypher.MATCH_RECENT_CLAIMS_FOR_PAIRS, pairs=pair_rows(pairs), limit=limit)
        grouped: dict[Pair, list[ClaimRecord]] = defaultdict(list)
        for row in rows:
            pair = row["pair"]
            grouped[(pair["type"], pair["subject_id"], pair["object_id"])].append(
                ClaimRecord.from_row({**row["claim"], "article": row["article"]})
            )
        return [grouped.get(p, []) for p in pairs]

    async def subgraph(
        self, seeds: list[EntityRecord], depth: int, where: SubgraphFilter, max_nodes: int, per_node: int,
        share_room: bool = False,
    ) -> Subgraph:
        """Return the subgraph reached from `seeds` in up to
        `depth` hops along edges that pass
        `where`, breadth first, one round trip per hop, keeping at most `max_nodes` nodes and
        following the `per_node` strongest edges of each expanded node. With `share_room`, beyond the
        first hop each node follows at most an equal share of the room left for new nodes (and at
        least MIN_SHARE edges, which may lead to nodes already in): a hub's neighbours do not each
        bring their hundred strongest ties."""
        graph = Subgraph()
        for seed in seeds:
            graph.nodes[seed.id] = EntityRecord(seed.id, seed.name, seed.kind)
        frontier = list(graph.nodes)
        expand = cypher.EXPAND_FRONTIER.get(frozenset(where.types))  # None: no type asked, no edge follows
        for hop_number in range(depth):
            if not frontier or expand is None:
                break
            # The database keeps at most the room left in new nodes, and only edges between kept nodes.
            capacity = max(max_nodes - len(graph.nodes), 0)
            cap = per_node
            if share_room and hop_number > 0:
                cap = min(per_node, max(MIN_SHARE, -(-capacity // len(frontier))))
            (hop,) = await self._rows(
                expand, frontier=frontier, known=list(graph.nodes), capacity=capacity,
                min_claims=where.min_claims, since=where.since, until=where.until, per_node=cap,
            )
            graph.truncated = graph.truncated or hop["truncated"]
            frontier = []
            for node in hop["nodes"]:
                graph.nodes[node["id"]] = EntityRecord(node["id"], node["name"], node["kind"])
                frontier.append(node["id"])
            for edge in hop["edges"]:
                record = EdgeRecord(edge["type"], edge["source"], edge["target"], edge["stats"])
                graph.edges[record.key] = record
        return graph

    async def reports_for_pairs(self, pairs: list[Pair]) -> list[list[Report]]:
        """Return, for each (type, subject_id, object_id), its reports: (date, article id, claims) per date
        and article, for `graph.events.group_reports`."""
        rows = await self._rows(cypher.MATCH_REPORTS_FOR_PAIRS, pairs=pair_rows(pairs))
        found = {(r["pair"]["type"], r["pair"]["subject_id"], r["pair"]["object_id"]): r["reports"] for r in rows}
        return [[(day, article, claims) for day, article, claims in found.get(pair, [])] for pair in pairs]

    async def articles(
        self, since: str | None = None, until: str | None = None, source: str | None = None,
        skip: int = 0, limit: int = 20,
    ) -> list[ArticleRecord]:
        """Return articles newest first, without their text."""
        rows = await self._rows(cypher.MATCH_ARTICLES, since=since, until=until, source=source, skip=skip, limit=limit)
        return [ArticleRecord.from_row(r["article"]) for r in rows]

    async def count_articles(
        self, since: str | None = None, until: str | None = None, source: str | None = None
    ) -> int:
        """Return how many articles `articles` pages through."""
        return int((await self._rows(cypher.COUNT_ARTICLES, since=since, until=until, source=source))[0]["total"])

    async def article_details(self, ids: list[str]) -> list[ArticleDetailRecord | None]:
        """Return, in key order, each article with its text, the entities it mentions and its claims, or
        None where missing."""
        rows = await self._rows(cypher.MATCH_ARTICLE_DETAILS, ids=sorted(set(ids)))
        details = [ArticleDetailRecord.from_row(r["article"], r["entities"], r["claims"]) for r in rows]
        found = {detail.article.id: detail for detail in details}
        return [found.get(i) for i in ids]

    async def counts(self) -> GraphCounts:
        """Return node and edge counts: articles, entities, claims, relations."""
        row = (await self._rows(cypher.COUNT_GRAPH))[0]
        return GraphCounts(row["articles"], row["entities"], row["claims"], row["relations"])

    async def counts_by_kind_and_type(self) -> tuple[list[KeyCount], list[KeyCount]]:
        """Return entity counts by kind and edge counts by type."""
        by_kind = await self._rows(cypher.COUNT_ENTITIES_BY_KIND)
        return _key_counts(by_kind), _key_counts(await self._rows(cypher.COUNT_RELATIONS_BY_TYPE))


def _key_counts(rows: list[Row]) -> list[KeyCount]:
    return [KeyCount(r["key"], r["count"]) for r in rows]
