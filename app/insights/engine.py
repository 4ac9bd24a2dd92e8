"""`Insights`: answers insight questions from one read of the graph each, computed off the event loop
and kept per graph version, so that asking again is cheap until a write changes the graph."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from datetime import timedelta
from typing import Any, TypeVar

from neo4j.exceptions import DriverError, Neo4jError

from app.insights.cache import VersionedCache
from app.insights.centrality import Measure, Ranked, rank
from app.insights.communities import CommunityLink, Partition, find_communities, links_between
from app.insights.network import Network, Weight, build_network
from app.insights.periods import Interval, next_start, period_start, previous_start
from app.insights.trends import Mover, PeriodCount, TrendPoint, activity_points, rank_movers, trend_points
from graph.insights import InsightsReader, ProjectionFilter
from graph.records import ArticleRecord, ClaimRecord, EntityRecord, GraphCounts
from graph.snapshots import store_snapshot
from graph.tallies import day_of
from nlp.records import RelType

log = logging.getLogger(__name__)

T = TypeVar("T")

Answer = dict[str, Any]
"""An answer kept as a snapshot: JSON-serialisable."""

CACHE_SIZE = 64
"""Answers kept per graph version (networks, partitions, rankings, trends)."""


class Insights:
    """Communities, centrality, trends and movers over one reader, with their cache."""

    def __init__(self, reader: InsightsReader, cache_size: int = CACHE_SIZE) -> None:
        self.reader = reader
        self.cache = VersionedCache(cache_size)

    async def version(self) -> int:
        """Return the graph version the answers are computed from."""
        return await self.reader.graph_version()

    async def _kept(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        return await self.cache.get(await self.version(), key, compute)

    async def network(self, where: ProjectionFilter, weight: Weight) -> Network:
        """Return the network of the projection `where`, its edges weighted by `weight`."""

        async def compute() -> Network:
            started = time.perf_counter()
            projection = await self.reader.projection(where)
            network = await asyncio.to_thread(build_network, projection, weight)
            log.info(
                "projected %d entities, %d edges in %.2f s", len(network.entities), len(network.weights),
                time.perf_counter() - started,
            )
            return network

        return await self._kept(("network", where, weight), compute)

    async def partition(self, where: ProjectionFilter, weight: Weight, resolution: float) -> Partition:
        """Return the Leiden communities of the projection `where` at this resolution."""

        async def compute() -> Partition:
            network = await self.network(where, weight)
            return await asyncio.to_thread(find_communities, network, resolution)

        return await self._kept(("partition", where, weight, resolution), compute)

    async def community_links(
        self, where: ProjectionFilter, weight: Weight, resolution: float, first: int
    ) -> tuple[CommunityLink, ...]:
        """Return the weights between the `first` (largest) communities of the projection `where`."""

        async def compute() -> tuple[CommunityLink, ...]:
            network = await self.network(where, weight)
            partition = await self.partition(where, weight, resolution)
            return await asyncio.to_thread(links_between, network, partition, first)

        return await self._kept(("community links", where, weight, resolution, first), compute)

    async def ranking(self, where: ProjectionFilter, weight: Weight, measure: Measure) -> tuple[Ranked, ...]:
        """Return every entity of the projection `where` ranked by `measure`."""

        async def compute() -> tuple[Ranked, ...]:
            network = await self.network(where, weight)
            return await asyncio.to_thread(rank, network, measure)

        return await self._kept(("ranking", where, weight, measure), compute)

    async def trend(
        self, entity_id: str, types: frozenset[RelType], interval: Interval, since: str | None, until: str | None
    ) -> list[TrendPoint]:
        """Return the entity's claims and sources per period and type inside [since, until]."""

        async def compute() -> list[TrendPoint]:
            counts = await self.reader.claims_of_entity_by_period(entity_id, types, interval.unit, since, until)
            return trend_points(counts, interval)  # a few dozen periods: no thread needed

        return await self._kept(("trend", entity_id, types, interval, since, until), compute)

    async def activity(self, types: frozenset[RelType], interval: Interval) -> list[PeriodCount]:
        """Return the graph's claims of `types` per period and type."""

        async def compute() -> list[PeriodCount]:
            counts = await self.reader.claims_by_type_and_day(types)
            return await asyncio.to_thread(activity_points, counts, interval)

        return await self._kept(("activity", types, interval), compute)

    async def newest_claims(self, limit: int) -> list[ClaimRecord]:
        """Return the `limit` claims written last (a scan of every claim: kept until the next write)."""
        return await self._kept(("newest claims", limit), lambda: self.reader.newest_claims(limit))

    # The home page's other reads, asked at every load: over the 100k-entity bench graph the counts walk
    # every aggregated edge and the entities by name sort them all (0.2-1 s together under load).

    async def counts(self) -> GraphCounts:
        """Return the graph's node and edge counts (kept until the next write)."""
        return await self._kept(("counts",), self.reader.counts)

    async def first_entities(self, limit: int) -> list[EntityRecord]:
        """Return the first `limit` entities by name (kept until the next write)."""
        return await self._kept(("first entities", limit), lambda: self.reader.search_entities(None, limit=limit))

    async def latest_articles(self, limit: int) -> list[ArticleRecord]:
        """Return the `limit` newest articles (kept until the next write)."""
        return await self._kept(("latest articles", limit), lambda: self.reader.articles(limit=limit))

    async def movers(self, types: frozenset[RelType], interval: Interval) -> list[Mover]:
        """Return the entities whose claims of `types` changed most between the latest period holding a
        claim and the period before it, largest change first."""

        async def compute() -> list[Mover]:
            newest = await self.reader.newest_claim_day(types)
            day = day_of(newest) if newest else None
            if day is None:
                return []
            current = period_start(day, interval)
            last_day = next_start(current, interval) - timedelta(days=1)
            counts = await self.reader.claims_by_entity_and_day(
                types, previous_start(current, interval).isoformat(), last_day.isoformat()
            )
            return await asyncio.to_thread(rank_movers, counts, current, interval)

        return await self._kept(("movers", types, interval), compute)

    # --- snapshots: answers stored in Neo4j with the graph version they were computed from (`graph.snapshots`),
    # so that a server starting over an unchanged graph has them at once rather than after a computation.

    async def snapshotted(self, name: str, recipe: str, compute: Callable[[], Awaitable[Answer]]) -> Answer:
        """Return `compute()`'s answer for the current graph version, computed once per version and kept; stored as
        the snapshot `name` of that version by `recipe` (what `compute` computes, and how), which `snapshot` finds
        after a restart."""
        # The version is read before the graph: an answer stored with it was computed from that version or a newer
        # one, and the version only grows, so a snapshot whose version is the graph's was computed from this graph.
        version = await self.version()

        async def compute_and_store() -> Answer:
            answer = await compute()
            try:
                await store_snapshot(self.reader.driver, self.reader.database, name, version, recipe, answer)
            except (Neo4jError, DriverError) as error:
                # The answer is right all the same; the next server computes it again.
                log.warning("the snapshot %r of graph version %d could not be stored: %s", name, version, error)
            return answer

        return await self.cache.get(version, _computed_key(name, recipe), compute_and_store)

    async def snapshot(self, name: str, recipe: str) -> Answer | None:
        """Return `snapshotted(name, recipe, ...)`'s answer for the current graph version when this server computed
        it, or one stored by `recipe` for this version (read once per version); None when neither is there."""
        version = await self.version()
        computed: Answer | None = self.cache.kept(version, _computed_key(name, recipe))
        if computed is not None:
            return computed
        return await self.cache.get(
            version, ("stored", name, recipe), lambda: self.reader.snapshot(name, version, recipe)
        )


def _computed_key(name: str, recipe: str) -> Hashable:
    return ("snapshotted", name, recipe)
