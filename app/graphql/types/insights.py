"""Graph insights: communities, centrality scores, trend points and movers."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.types.entity import Entity, RelationType, entity_from_record
from app.insights.centrality import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS_LIMIT, Measure, Ranked
from app.insights.communities import Community as CommunityRecord
from app.insights.network import Weight
from app.insights.periods import Interval
from app.insights.trends import TrendPoint as TrendPointRecord

# The GraphQL enums are the insight modules' own, marked in place like RelationType.
strawberry.enum(
    Measure,
    name="CentralityMeasure",
    description="How central an entity is in the undirected weighted projection. PAGERANK: scores sum to 1. "
    "BETWEENNESS: shortest paths (hops, unweighted) through the entity; above "
    f"{EXACT_BETWEENNESS_LIMIT} entities it is approximated from {BETWEENNESS_SAMPLES} sampled path sources "
    "(fixed seed), scaled to the whole. DEGREE: weighted degree, the sum of its edges' weights. EIGENVECTOR: "
    "eigenvector centrality, the most central scoring 1.",
)
strawberry.enum(Interval, name="Interval", description="A calendar period: an ISO week, a month or a quarter.")
strawberry.enum(
    Weight,
    name="EdgeWeight",
    description="What weighs an edge between two entities: SOURCES, the distinct articles reporting it (per "
    "relation type, summed), or CLAIMS.",
)
CentralityMeasure = Measure
EdgeWeight = Weight


@strawberry.type(description="An entity of a community.")
class CommunityMember:
    entity: Entity = strawberry.field(description="The entity (id, name and kind).")
    strength: float = strawberry.field(description="Its weighted degree inside the community.")


@strawberry.type(description="A community of entities more connected to one another than to the rest (Leiden).")
class Community:
    id: int = strawberry.field(description="Position among the communities, the largest first (0-based).")
    label: str = strawberry.field(description="The names of its most central members.")
    size: int = strawberry.field(description="Members.")
    internal_weight: float = strawberry.field(description="Weight of the edges between its members.")
    external_weight: float = strawberry.field(description="Weight of the edges from its members to others.")
    modularity: float = strawberry.field(description="Its term of the partition's modularity.")
    record: strawberry.Private[CommunityRecord]

    @classmethod
    def from_record(cls, record: CommunityRecord) -> Community:
        return cls(
            id=record.id, label=record.label, size=record.size, internal_weight=record.internal_weight,
            external_weight=record.external_weight, modularity=record.modularity, record=record,
        )

    @strawberry.field(description="Members, the most central first.")
    def members(self, info: Info, first: int = 20) -> list[CommunityMember]:
        limit = info.context.service.check_page(first)
        members = self.record.members[:limit]
        return [CommunityMember(entity=entity_from_record(m.entity), strength=m.strength) for m in members]


@strawberry.type(description="The communities of a projection.")
class Communities:
    total_count: int = strawberry.field(description="Communities found (each entity with an edge is in one).")
    modularity: float = strawberry.field(description="Modularity of the whole partition.")
    graph_version: int = strawberry.field(description="The graph version they were computed from.")
    communities: list[Community] = strawberry.field(description="The largest communities, largest first.")


@strawberry.type(description="An entity and its centrality.")
class CentralityScore:
    rank: int = strawberry.field(description="1 for the most central.")
    entity: Entity = strawberry.field(description="The entity (id, name and kind).")
    score: float = strawberry.field(description="Its score under the measure asked for.")

    @classmethod
    def from_record(cls, rank: int, record: Ranked) -> CentralityScore:
        return cls(rank=rank, entity=entity_from_record(record.entity), score=record.score)


@strawberry.type(description="Claims of one relation type in one period.")
class TrendPoint:
    period: str = strawberry.field(description="The period: 2025-W03, 2025-01 or 2025-Q1.")
    start: str = strawberry.field(description="Its first day (YYYY-MM-DD).")
    type: RelationType = strawberry.field(description="The relation type.")
    claims: int = strawberry.field(description="Claims dated in the period (by the article's date when undated).")
    sources: int = strawberry.field(description="Distinct articles reporting them.")

    @classmethod
    def from_record(cls, record: TrendPointRecord) -> TrendPoint:
        return cls(
            period=record.period, start=record.start.isoformat(), type=RelationType(record.type),
            claims=record.claims, sources=record.sources,
        )


@strawberry.type(description="An entity whose claim count changed between two periods.")
class Mover:
    entity: Entity = strawberry.field(description="The entity.")
    current: int = strawberry.field(description="Its claims in the latest period holding a claim.")
    previous: int = strawberry.field(description="Its claims in the period before.")
    change: int = strawberry.field(description="current - previous: positive when it rose.")
