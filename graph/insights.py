"""Read what graph insights compute on: weighted edge lists, claim counts by day or period, the graph version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import orjson

from graph import cypher
from graph.read import GraphReader
from graph.records import EntityRecord, Row
from graph.version import GRAPH_VERSION_ID
from nlp.records import RelType


@dataclass(frozen=True, slots=True)
class ProjectionFilter:
    """Which edges a projection holds: relation types, a window of days [since, until] (YYYY[-MM[-DD]],
    None for open), the kinds both ends must have (None for all), and the fewest claims behind a pair."""

    types: frozenset[RelType]
    since: str | None = None
    until: str | None = None
    kinds: frozenset[str] | None = None
    min_claims: int = 1


@dataclass(frozen=True, slots=True)
class ProjectedEdge:
    """One entity pair of a projection: its claims and independent sources (distinct articles per
    relation type, summed over the types)."""

    source: str
    target: str
    claims: int
    sources: int


@dataclass(frozen=True, slots=True)
class Projection:
    """A weighted edge list and the entities at its ends (id, name and kind each)."""

    entities: tuple[EntityRecord, ...]
    edges: tuple[ProjectedEdge, ...]

    @classmethod
    def from_row(cls, row: Row) -> Projection:
        """Return the projection of a MATCH_PROJECTIONS row, each entity once."""
        entities = {end[0]: EntityRecord(*end) for end in row["ends"]}
        return cls(tuple(entities.values()), tuple(ProjectedEdge(*edge) for edge in row["edges"]))


PeriodUnit = Literal["week", "month", "quarter"]
"""A calendar period, named as Neo4j's `date.truncate` names it: an ISO week (from its Monday), a month, a quarter."""


@dataclass(frozen=True, slots=True)
class EntityPeriodCount:
    """Claims of one type an entity takes part in, dated in the period starting on `start`, and the distinct
    articles reporting them."""

    type: str
    start: date
    claims: int
    sources: int


@dataclass(frozen=True, slots=True)
class TypeDayCount:
    """Claims of one type dated on one day, over the whole graph."""

    type: str
    day: str
    claims: int


@dataclass(frozen=True, slots=True)
class EntityDayCount:
    """Claims one entity took part in on one day."""

    entity: str
    day: str
    claims: int


class InsightsReader(GraphReader):
    """The reads of graph insights; each method is one round trip."""

    async def graph_version(self) -> int:
        """Return the graph version (`graph.version`), 0 before the first write."""
        rows = await self._rows(cypher.MATCH_GRAPH_VERSION, id=GRAPH_VERSION_ID)
        return int(rows[0]["version"])

    async def snapshot(self, name: str, version: int, recipe: str) -> dict[str, Any] | None:
        """Return the payload of the snapshot `name` (`graph.snapshots`) when it was computed from graph `version`
        by `recipe`, else None: a snapshot of another version or recipe is stale."""
        rows = await self._rows(cypher.MATCH_INSIGHTS_SNAPSHOT, name=name, version=version, recipe=recipe)
        if not rows:
            return None
        payload: dict[str, Any] = orjson.loads(rows[0]["payload"])
        return payload

    async def projection(self, where: ProjectionFilter) -> Projection:
        """Return the weighted edge list under `where`: from the aggregated edges over all time, from
        the claims dated inside a window otherwise."""
        kinds = sorted(where.kinds) if where.kinds is not None else None
        if where.since is None and where.until is None:
            rows = await self._rows(cypher.MATCH_PROJECTIONS[where.types], kinds=kinds, min_claims=where.min_claims)
        else:
            rows = await self._rows(
                cypher.MATCH_PROJECTION_IN_WINDOW, types=sorted(where.types), since=where.since,
                until=where.until, kinds=kinds, min_claims=where.min_claims,
            )
        return Projection.from_row(rows[0])

    async def claims_of_entity_by_period(
        self, entity_id: str, types: frozenset[RelType], unit: PeriodUnit, since: str | None, until: str | None
    ) -> list[EntityPeriodCount]:
        """Return the entity's claims of `types` inside [since, until], counted per type and period with the
        distinct articles reporting them, from its day tallies (`graph.tallies`), which the writes keep; days that
        are no date are left out."""
        rows = await self._rows(
            cypher.COUNT_DAY_TALLIES_OF_ENTITY_BY_PERIOD, id=entity_id, types=sorted(types), unit=unit, since=since,
            until=until,
        )
        return [EntityPeriodCount(t, start.to_native(), claims, n) for t, start, claims, n in rows[0]["periods"]]

    async def newest_claim_day(self, types: frozenset[RelType]) -> str | None:
        """Return the newest day a claim of `types` is dated, None when there is none."""
        rows = await self._rows(cypher.MATCH_NEWEST_CLAIM_DAY, types=sorted(types))
        day = rows[0]["day"]
        return str(day) if day is not None else None

    async def claims_by_entity_and_day(self, types: frozenset[RelType], since: str, until: str) -> list[EntityDayCount]:
        """Return the claims of `types` each entity took part in per day inside [since, until]."""
        rows = await self._rows(cypher.COUNT_CLAIMS_BY_ENTITY_AND_DAY, types=sorted(types), since=since, until=until)
        return [EntityDayCount(*count) for count in rows[0]["counts"]]

    async def claims_by_type_and_day(self, types: frozenset[RelType]) -> list[TypeDayCount]:
        """Return the claims of `types` in the whole graph, counted per type and day."""
        rows = await self._rows(cypher.COUNT_CLAIMS_BY_TYPE_AND_DAY, types=sorted(types))
        return [TypeDayCount(*count) for count in rows[0]["counts"]]
