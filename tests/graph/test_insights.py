"""What graph insights read: the graph version every write bumps, weighted edge lists, claims per day."""

from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from neo4j import AsyncDriver

from app.insights.periods import Interval, period_start
from app.settings import Settings
from graph.build import build_article_graph
from graph.curate import merge_entities
from graph.insights import InsightsReader, ProjectionFilter
from graph.model import ArticleGraph
from graph.snapshots import store_snapshot
from graph.tallies import day_of
from graph.write import delete_articles
from nlp.records import ArticleIn, Entity, Extraction, Kind, RelType
from tests.factories import BROKER, EAST, WEST, article, camps, entity, extraction, fact_article, relation

pytestmark = pytest.mark.integration

ALLIANCES_AND_MEETINGS = frozenset({RelType.ALLIED_WITH, RelType.MET_WITH})
ALL_TYPES = frozenset(RelType)


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


def written_by_period(graphs: list[ArticleGraph], entity_id: str, interval: Interval) -> dict[tuple[date, str], Any]:
    """(period start, type) -> (claims, distinct articles) of the entity, counted from the claims written as the
    trends counted them before the periods were grouped in Neo4j: by the claim's date, else its article's,
    a month or a year counting on its first day, and a day that is no date left out."""
    claims: Counter[tuple[date, str]] = Counter()
    articles: defaultdict[tuple[date, str], set[str]] = defaultdict(set)
    for graph in graphs:
        for claim in graph.claims:
            day = day_of(claim.date or graph.article.published or "")
            if day is not None and entity_id in (claim.subject_id, claim.object_id):
                key = (period_start(day, interval), claim.type.value)
                claims[key] += 1
                articles[key].add(graph.article.id)
    return {key: (count, len(articles[key])) for key, count in claims.items()}


def by_period(read, entity_id: str, interval: Interval, types: frozenset[RelType] = ALL_TYPES,
              since: str | None = None, until: str | None = None) -> dict[tuple[date, str], Any]:
    counts = read(lambda reader: reader.claims_of_entity_by_period(entity_id, types, interval.unit, since, until))
    return {(count.start, count.type): (count.claims, count.sources) for count in counts}


def test_claims_of_an_entity_by_period_count_what_was_written(camp_graphs, read):
    japan = WEST[1].id
    for interval in Interval:
        assert by_period(read, japan, interval) == written_by_period(camp_graphs, japan, interval)
    # Four allies and the broker, an article each, from January to March.
    assert by_period(read, japan, Interval.QUARTER) == {
        (date(2024, 1, 1), "ALLIED_WITH"): (4, 4), (date(2024, 1, 1), "MET_WITH"): (1, 1)
    }
    assert by_period(read, japan, Interval.MONTH, frozenset({RelType.ALLIED_WITH}), "2024-02", "2024-02-29") == {
        (date(2024, 2, 1), "ALLIED_WITH"): (1, 1)
    }


def test_the_newest_claim_day_is_that_of_the_types_asked(camp_graphs, read):
    assert read(lambda reader: reader.newest_claim_day(ALLIANCES_AND_MEETINGS)) == "2024-03-21"
    assert read(lambda reader: reader.newest_claim_day(frozenset({RelType.RESTRICTED}))) is None


def spanning_articles() -> list[tuple[ArticleIn, Extraction]]:
    """Japan's claims around a new year: an article reporting it on several days (in one ISO week that starts in
    December), claims dated by their article only, by a month or a year only, and on a day the calendar lacks."""
    us, japan, australia, canada, britain = WEST
    china, russia = EAST[:2]
    facts: list[tuple[str, str, list[tuple[RelType, Entity, Entity, str | None]]]] = [
        ("span", "2025-01-05", [(RelType.ALLIED_WITH, japan, us, "2024-12-30"),
                                (RelType.ALLIED_WITH, japan, australia, "2025-01-03"),
                                (RelType.MET_WITH, japan, china, None)]),
        ("eve", "2024-12-29", [(RelType.ALLIED_WITH, us, japan, "2024-12-29"),
                               (RelType.ALLIED_WITH, japan, canada, "2024-12"),
                               (RelType.MET_WITH, japan, russia, None)]),
        ("year", "2025-02-10", [(RelType.MET_WITH, china, japan, "2025"),
                                (RelType.MET_WITH, japan, australia, "2025-03-31"),
                                (RelType.MET_WITH, japan, us, "2025-04-01")]),
        ("late", "2025-04-02", [(RelType.MET_WITH, japan, us, None),
                                (RelType.ALLIED_WITH, japan, britain, "2024-02-30"),
                                (RelType.MET_WITH, china, russia, "2025-04-02")]),
    ]
    written = []
    for index, (name, published, relations) in enumerate(facts):
        text = f"Report {index}: a new year of alliances and meetings ({name})."
        given = article(text, id=f"span-{name}", published=published)
        ends = {e.id: e for _, subject, obj, _ in relations for e in (subject, obj)}
        stated = [relation(t, subject, obj, text, date=day) for t, subject, obj, day in relations]
        written.append((given, extraction(given, list(ends.values()), stated)))
    return written


def test_claims_by_period_across_a_new_year_equal_the_counts_of_each_claim_on_its_day(db, write_graphs, read):
    graphs = [build_article_graph(given, extracted) for given, extracted in spanning_articles()]
    write_graphs(graphs)
    japan = WEST[1].id
    for interval in Interval:
        assert by_period(read, japan, interval) == written_by_period(graphs, japan, interval), interval
    # The week of 2024-12-30 holds two alliances from one article, and two meetings dated by their article or
    # by their year only (2025-01-01); the alliance of 2024-02-30 is in no period.
    assert by_period(read, japan, Interval.WEEK) == {
        (date(2024, 11, 25), "ALLIED_WITH"): (1, 1), (date(2024, 12, 23), "ALLIED_WITH"): (1, 1),
        (date(2024, 12, 23), "MET_WITH"): (1, 1), (date(2024, 12, 30), "ALLIED_WITH"): (2, 1),
        (date(2024, 12, 30), "MET_WITH"): (2, 2), (date(2025, 3, 31), "MET_WITH"): (3, 2),
    }
    assert by_period(read, japan, Interval.QUARTER) == {
        (date(2024, 10, 1), "ALLIED_WITH"): (3, 2), (date(2024, 10, 1), "MET_WITH"): (1, 1),
        (date(2025, 1, 1), "ALLIED_WITH"): (1, 1), (date(2025, 1, 1), "MET_WITH"): (3, 2),
        (date(2025, 4, 1), "MET_WITH"): (2, 2),
    }
