"""The computations behind graph insights, on networks built in memory (no database): periods, trends,
approximate betweenness, eigenvector centrality and PageRank, the modularity of communities, and the cache."""

import asyncio
from datetime import date

import igraph
import pytest

from app.insights.cache import VersionedCache
from app.insights.centrality import EXACT_BETWEENNESS_LIMIT, Measure, eigenvector, pagerank, rank, scores
from app.insights.communities import find_communities, links_between
from app.insights.network import Network, Weight, build_network
from app.insights.periods import Interval, next_start, period_label, period_start, previous_start
from app.insights.trends import trend_points
from graph.insights import EntityPeriodCount, ProjectedEdge, Projection
from graph.records import EntityRecord
from graph.tallies import day_of


def network(pairs: list[tuple[int, int]], weight: int = 1) -> Network:
    ids = sorted({n for pair in pairs for n in pair})
    entities = tuple(EntityRecord(f"e{n:05d}", f"E{n}", "Country") for n in ids)
    edges = tuple(ProjectedEdge(f"e{a:05d}", f"e{b:05d}", weight, weight) for a, b in pairs)
    return build_network(Projection(entities, edges), Weight.SOURCES)


@pytest.mark.parametrize(
    ("day", "interval", "label", "start", "following", "before"),
    [
        (date(2024, 12, 31), Interval.WEEK, "2025-W01", date(2024, 12, 30), date(2025, 1, 6), date(2024, 12, 23)),
        (date(2024, 12, 31), Interval.MONTH, "2024-12", date(2024, 12, 1), date(2025, 1, 1), date(2024, 11, 1)),
        (date(2024, 11, 15), Interval.QUARTER, "2024-Q4", date(2024, 10, 1), date(2025, 1, 1), date(2024, 7, 1)),
        (date(2025, 1, 1), Interval.QUARTER, "2025-Q1", date(2025, 1, 1), date(2025, 4, 1), date(2024, 10, 1)),
    ],
)
def test_periods_start_end_and_are_named(day, interval, label, start, following, before):
    assert period_start(day, interval) == start
    assert period_label(start, interval) == label
    assert next_start(start, interval) == following
    assert previous_start(start, interval) == before


def test_a_date_naming_a_month_or_a_year_counts_on_its_first_day():
    assert [day_of(d) for d in ("2024", "2024-05", "2024-05-17", "soon", "2024-13")] == [
        date(2024, 1, 1), date(2024, 5, 1), date(2024, 5, 17), None, None
    ]


def test_trend_points_are_named_by_period_oldest_first():
    counts = [EntityPeriodCount("RESTRICTED", date(2025, 1, 6), 1, 1),
              EntityPeriodCount("RESTRICTED", date(2024, 12, 30), 4, 2),
              EntityPeriodCount("ALLIED_WITH", date(2024, 12, 30), 2, 1)]
    assert [(p.period, p.start, p.type, p.claims, p.sources) for p in trend_points(counts, Interval.WEEK)] == [
        ("2025-W01", date(2024, 12, 30), "ALLIED_WITH", 2, 1), ("2025-W01", date(2024, 12, 30), "RESTRICTED", 4, 2),
        ("2025-W02", date(2025, 1, 6), "RESTRICTED", 1, 1),
    ]


def test_betweenness_above_the_limit_is_sampled_and_close_to_the_exact_figure():
    # Two stars whose hubs meet through a broker (vertex 0): more entities than the exact limit.
    leaves = EXACT_BETWEENNESS_LIMIT // 2 + 10
    hubs = (1, 2)
    pairs = [(0, 1), (0, 2)] + [(hub, 3 + side * leaves + i) for side, hub in enumerate(hubs) for i in range(leaves)]
    star = network(pairs)
    assert len(star.entities) > EXACT_BETWEENNESS_LIMIT
    sampled = scores(star, Measure.BETWEENNESS)
    exact = star.graph.betweenness(directed=False)
    ranked = [r.entity.name for r in rank(star, Measure.BETWEENNESS)[:3]]
    assert set(ranked[:2]) == {"E1", "E2"} and ranked[2] == "E0"
    for vertex in (star.vertex["e00000"], star.vertex["e00001"]):
        assert sampled[vertex] == pytest.approx(exact[vertex], rel=0.15)


def test_eigenvector_centrality_and_pagerank_are_igraphs():
    karate = igraph.Graph.Famous("Zachary")
    club = network(karate.get_edgelist(), weight=3)
    karate.es["weight"] = [3.0] * karate.ecount()
    assert eigenvector(club).tolist() == pytest.approx(karate.eigenvector_centrality(weights="weight"), abs=1e-6)
    assert max(eigenvector(club)) == pytest.approx(1.0)
    assert pagerank(club).tolist() == pytest.approx(karate.pagerank(weights="weight"), abs=1e-8)
    assert pagerank(club).sum() == pytest.approx(1.0)


@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_the_communities_terms_add_up_to_igraphs_modularity(resolution: float):
    karate = igraph.Graph.Famous("Zachary")
    club = network(karate.get_edgelist(), weight=2)
    partition = find_communities(club, resolution)
    membership = [partition.by_entity[e.id] for e in club.entities]
    expected = club.graph.modularity(membership, weights="weight", resolution=resolution)
    assert partition.modularity == pytest.approx(expected)
    assert sum(c.modularity for c in partition.communities) == pytest.approx(expected)
    assert sum(c.size for c in partition.communities) == 34
    assert find_communities(club, resolution).by_entity == partition.by_entity  # seeded: the same every time


def test_the_links_between_the_largest_communities_sum_the_weights_across_them():
    # Three cliques (5, 4 and 3 members) joined by single edges, two of them between the first two cliques.
    cliques = [range(0, 5), range(5, 9), range(9, 12)]
    inside = [(a, b) for clique in cliques for a in clique for b in clique if a < b]
    across = [(0, 5), (1, 6), (4, 9)]
    joined = network(inside + across, weight=3)
    partition = find_communities(joined, 1.0)
    assert [c.size for c in partition.communities] == [5, 4, 3]
    assert [(link.source, link.target, link.weight) for link in links_between(joined, partition, 3)] == [
        (0, 1, 6.0), (0, 2, 3.0),
    ]
    assert [(link.source, link.target) for link in links_between(joined, partition, 2)] == [(0, 1)]
    assert links_between(joined, partition, 1) == ()


def test_the_cache_computes_once_for_callers_at_once_and_forgets_on_a_new_version_or_a_failure():
    cache = VersionedCache(size=2)
    calls: list[str] = []

    async def compute(value: str) -> str:
        calls.append(value)
        await asyncio.sleep(0.01)
        return value

    async def failing() -> str:
        calls.append("failed")
        raise RuntimeError("no")

    async def scenario() -> None:
        assert cache.kept(1, "k") is None  # asked for nothing yet
        together = await asyncio.gather(*(cache.get(1, "k", lambda: compute("a")) for _ in range(3)))
        assert together == ["a", "a", "a"] and calls == ["a"]
        assert cache.kept(1, "k") == "a" and cache.kept(2, "k") is None  # kept for its version only
        assert await cache.get(1, "k", lambda: compute("b")) == "a"  # kept
        assert await cache.get(2, "k", lambda: compute("c")) == "c"  # a new version drops it
        with pytest.raises(RuntimeError):
            await cache.get(2, "x", failing)
        assert cache.kept(2, "x") is None
        assert await cache.get(2, "x", lambda: compute("d")) == "d"  # a failure is not kept
        await cache.get(2, "y", lambda: compute("e"))  # size 2: "k", the least recently used, goes
        assert await cache.get(2, "k", lambda: compute("f")) == "f"

    asyncio.run(scenario())
    assert calls == ["a", "c", "failed", "d", "e", "f"]


def test_cancelling_the_cache_stops_a_computation_no_caller_waits_for_any_more():
    cache = VersionedCache(size=2)
    stopped: list[bool] = []

    async def never_done() -> str:
        try:
            await asyncio.Event().wait()
            return "never"
        finally:
            stopped.append(True)

    async def scenario() -> None:
        asking = asyncio.ensure_future(cache.get(1, "k", never_done))
        await asyncio.sleep(0)  # the computation starts
        asking.cancel()  # the caller gives up; the shielded computation runs on
        await asyncio.gather(asking, return_exceptions=True)
        assert stopped == []
        await cache.cancel()
        assert stopped == [True] and cache.kept(1, "k") is None

    asyncio.run(scenario())
