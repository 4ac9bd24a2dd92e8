"""What graph insights read: the graph version every write bumps, weighted edge lists, claims per day."""

from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from neo4j import AsyncDriver

from app.settings import Settings
from graph.build import build_article_graph
from graph.curate import merge_entities
from graph.insights import InsightsReader, ProjectionFilter
from graph.snapshots import store_snapshot
from graph.write import delete_articles
from nlp.records import Kind, RelType
from tests.factories import BROKER, EAST, WEST, camps, entity, fact_article

pytestmark = pytest.mark.integration

ALLIANCES_AND_MEETINGS = frozenset({RelType.ALLIED_WITH, RelType.MET_WITH})


@pytest.fixture
def read(settings: Settings, on_graph) -> Callable[[Callable[[InsightsReader], Awaitable[Any]]], Any]:
    """`read(job)`: the result of `job(reader)` with an `InsightsReader` on the session's Neo4j."""

    def run(job: Callable[[InsightsReader], Awaitable[Any]]) -> Any:
        async def work(driver: AsyncDriver) -> Any:
            return await job(InsightsReader(driver, settings.neo4j_database))

        return on_graph(work)

    return run


def version(read) -> int:
    return read(lambda reader: reader.graph_version())


def test_every_write_that_changes_claims_bumps_the_version_once(db, write_graphs, read, settings, on_graph):
    assert version(read) == 0
    graphs = [build_article_graph(a, x) for a, x in camps()[:2]]
    write_graphs(graphs[:1])
    assert version(read) == 1
    write_graphs(graphs[:1])  # a stored text: nothing written, nothing bumped
    assert version(read) == 1
    write_graphs(graphs)  # one batch, one transaction
    assert version(read) == 2
    database = settings.neo4j_database
    assert on_graph(lambda driver: delete_articles(driver, [graphs[0].article.id], database)) == 1
    assert version(read) == 3
    assert on_graph(lambda driver: delete_articles(driver, ["no-such-article"], database)) == 0
    assert version(read) == 3
    on_graph(lambda driver: merge_entities(driver, WEST[0].id, WEST[2].id, database))
    assert version(read) == 4


def test_a_snapshot_is_found_for_the_graph_version_and_recipe_it_was_stored_with_only(db, read, settings, on_graph):
    def store(version: int, recipe: str, payload: dict[str, Any]) -> None:
        on_graph(lambda driver: store_snapshot(driver, settings.neo4j_database, "blocs", version, recipe, payload))

    def stored(version: int, recipe: str = "leiden", name: str = "blocs") -> Any:
        return read(lambda reader: reader.snapshot(name, version, recipe))

    store(3, "leiden", {"labels": ["Japan, India"], "weight": 2.5})
    assert stored(3) == {"labels": ["Japan, India"], "weight": 2.5}
    assert stored(2) is None and stored(4) is None and stored(3, "louvain") is None and stored(3, name="trends") is None
    store(2, "leiden", {"labels": []})  # computed from an older graph, stored late: the newer one stays
    assert stored(3) == {"labels": ["Japan, India"], "weight": 2.5} and stored(2) is None
    store(4, "leiden", {"labels": ["Quad"]})
    assert stored(4) == {"labels": ["Quad"]} and stored(3) is None
    # One snapshot per name, and storing it is no change to the graph: its version stays.
    assert db.execute_query("MATCH (s:InsightsSnapshot) RETURN count(s) AS n").records[0]["n"] == 1
    assert version(read) == 0


def test_a_projection_over_all_time_weighs_each_pair_by_its_sources(camp_graphs, write_graphs, read):
    again = fact_article(RelType.ALLIED_WITH, WEST[0], WEST[1], "2024-05-01", 99)  # a second source for one pair
    write_graphs([build_article_graph(*again)])
    projection = read(lambda reader: reader.projection(ProjectionFilter(ALLIANCES_AND_MEETINGS)))
    weights = {frozenset((e.source, e.target)): (e.claims, e.sources) for e in projection.edges}
    assert len(weights) == 22 and len(projection.entities) == 11
    assert weights[frozenset((WEST[0].id, WEST[1].id))] == (2, 2)
    assert weights[frozenset((BROKER.id, EAST[0].id))] == (1, 1)
    assert {e.id: e.kind for e in projection.entities}[BROKER.id] == "Country"

    only_meetings = read(lambda reader: reader.projection(ProjectionFilter(frozenset({RelType.MET_WITH}))))
    assert {frozenset((e.source, e.target)) for e in only_meetings.edges} == {
        frozenset((BROKER.id, WEST[1].id)), frozenset((BROKER.id, EAST[0].id))
    }
    repeated = read(lambda reader: reader.projection(ProjectionFilter(ALLIANCES_AND_MEETINGS, min_claims=2)))
    assert [(e.claims, e.sources) for e in repeated.edges] == [(2, 2)]


def test_a_projection_in_a_window_counts_only_the_claims_dated_inside_it(camp_graphs, write_graphs, read):
    march = ProjectionFilter(ALLIANCES_AND_MEETINGS, since="2024-03-01", until="2024-03-31")
    projection = read(lambda reader: reader.projection(march))
    written = [g for g in camp_graphs if g.claims[0].date.startswith("2024-03")]
    assert len(projection.edges) == len(written) == 8
    assert {frozenset((e.source, e.target)) for e in projection.edges} == {
        frozenset((g.claims[0].subject_id, g.claims[0].object_id)) for g in written
    }
    assert read(lambda reader: reader.projection(ProjectionFilter(ALLIANCES_AND_MEETINGS, since="2025"))).edges == ()

    # Second sources in March: for a pair allied in March, and for one allied in January.
    canada, britain = WEST[3], WEST[4]
    write_graphs([
        build_article_graph(*fact_article(RelType.ALLIED_WITH, WEST[0], canada, "2024-03-15", 97)),
        build_article_graph(*fact_article(RelType.ALLIED_WITH, WEST[0], britain, "2024-03-15", 98)),
    ])
    edges = read(lambda reader: reader.projection(march)).edges
    weights = {frozenset((e.source, e.target)): (e.claims, e.sources) for e in edges}
    assert weights[frozenset((WEST[0].id, canada.id))] == (2, 2)
    assert weights[frozenset((WEST[0].id, britain.id))] == (1, 1)  # its January claim is outside the window


def test_a_projection_keeps_pairs_whose_ends_both_have_a_chosen_kind(camp_graphs, write_graphs, read):
    lab = entity("DeepMind", Kind.ORGANIZATION)
    write_graphs([build_article_graph(*fact_article(RelType.MET_WITH, lab, BROKER, "2024-02-02", 50))])
    every = read(lambda reader: reader.projection(ProjectionFilter(ALLIANCES_AND_MEETINGS)))
    only_countries = ProjectionFilter(ALLIANCES_AND_MEETINGS, kinds=frozenset({"Country"}))
    countries = read(lambda reader: reader.projection(only_countries))
    assert len(every.edges) == 23 and len(countries.edges) == 22
    assert lab.id not in {e.id for e in countries.entities}


def test_claims_of_an_entity_by_day_count_them_per_day_and_type_with_their_articles(camp_graphs, read):
    japan = WEST[1].id
    counts = read(lambda reader: reader.claims_of_entity_by_day(japan, ALLIANCES_AND_MEETINGS, None, None))
    claims = [(g.claims[0], g.article.id) for g in camp_graphs]
    written = Counter((c.type.value, c.date) for c, _ in claims if japan in (c.subject_id, c.object_id))
    articles: defaultdict[tuple[str, str | None], set[str]] = defaultdict(set)
    for c, article_id in claims:
        if japan in (c.subject_id, c.object_id):
            articles[c.type.value, c.date].add(article_id)
    assert {(count.type, count.day): count.claims for count in counts} == written
    assert {(count.type, count.day): count.sources for count in counts} == {k: len(a) for k, a in articles.items()}
    assert all(count.spread == () for count in counts)  # each article reports Japan on one day only
    # Four allies and the broker, an article each; two of the alliances on one day.
    assert sum(written.values()) == 5 and len(counts) == 4 and sorted(c.sources for c in counts) == [1, 1, 1, 2]
    assert read(lambda reader: reader.newest_claim_day(ALLIANCES_AND_MEETINGS)) == "2024-03-21"
    assert read(lambda reader: reader.newest_claim_day(frozenset({RelType.RESTRICTED}))) is None
