"""Graph insights over GraphQL, on a planted partition written through the real write path: two dense camps
joined by one broker (`tests.factories.camps`)."""

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.insights.network import Weight
from graph.build import build_article_graph
from graph.insights import ProjectionFilter
from nlp.records import Kind, RelType
from tests.factories import BROKER, EAST, WEST, camps, entity, fact_article

pytestmark = pytest.mark.integration

COMMUNITIES = """
query($resolution: Float! = 1) {
  communities(types: [ALLIED_WITH, MET_WITH], resolution: $resolution) {
    totalCount modularity graphVersion
    communities { id label size internalWeight externalWeight modularity members(first: 100) { entity { id } } }
  }
}
"""

CENTRALITY = """
query($measure: CentralityMeasure!) {
  centrality(measure: $measure, first: 100) { rank score entity { id name } }
}
"""


def gql(client: TestClient, query: str, **variables: object) -> dict:
    """The JSON answer to a GraphQL request, which must get 200 (errors included)."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def members(community: dict) -> set[str]:
    return {m["entity"]["id"] for m in community["members"]}


def scores(client: TestClient, measure: str) -> dict[str, float]:
    return {r["entity"]["id"]: r["score"] for r in gql(client, CENTRALITY, measure=measure)["data"]["centrality"]}


def test_communities_recover_the_two_camps(client: TestClient, camp_graphs):
    found = gql(client, COMMUNITIES)["data"]["communities"]
    assert found["totalCount"] == 2
    west, east = sorted(found["communities"], key=lambda c: WEST[0].id not in members(c))
    assert {e.id for e in WEST} <= members(west) and {e.id for e in EAST} <= members(east)
    assert members(west) | members(east) == {e.id for e in (*WEST, *EAST, BROKER)}
    assert west["size"] + east["size"] == 11
    # Each camp holds its ten alliances; the broker's two meetings are the only edges between them or to it.
    assert sorted([west["internalWeight"], east["internalWeight"]]) == [10.0, 11.0]
    assert west["externalWeight"] == east["externalWeight"] == 1.0

    # Modularity, counted here from the edges written: Q = sum over communities of L/m - (d/2m)^2.
    degree: Counter[str] = Counter()
    for graph in camp_graphs:
        degree.update([graph.claims[0].subject_id, graph.claims[0].object_id])
    terms = [c["internalWeight"] / 22 - (sum(degree[m] for m in members(c)) / 44) ** 2 for c in (west, east)]
    assert [c["modularity"] for c in (west, east)] == pytest.approx(terms)
    assert found["modularity"] == pytest.approx(sum(terms))

    of = """query($entity: String!) { communityOf(entity: $entity, types: [ALLIED_WITH, MET_WITH]) { id label } }"""
    japan, us, china = (gql(client, of, entity=n)["data"]["communityOf"] for n in ("Japan", "United States", "China"))
    assert japan["id"] == us["id"] != china["id"]
    assert gql(client, of, entity="Nowhere")["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_higher_resolution_splits_the_camps_further(client: TestClient, camp_graphs):
    assert gql(client, COMMUNITIES, resolution=3.0)["data"]["communities"]["totalCount"] > 2


def test_betweenness_ranks_the_broker_first_and_pagerank_sums_to_one(client: TestClient, camp_graphs):
    betweenness = gql(client, CENTRALITY, measure="BETWEENNESS")["data"]["centrality"]
    assert betweenness[0]["entity"]["name"] == "India" and betweenness[0]["rank"] == 1
    # India is on the one shortest path between each of the 5 x 5 pairs across the camps.
    assert betweenness[0]["score"] == pytest.approx(25.0)
    pagerank = scores(client, "PAGERANK")
    assert len(pagerank) == 11 and sum(pagerank.values()) == pytest.approx(1.0)
    degree = scores(client, "DEGREE")
    assert degree[WEST[1].id] == 5.0 and degree[BROKER.id] == 2.0 and degree[WEST[0].id] == 4.0
    eigenvector = scores(client, "EIGENVECTOR")
    assert max(eigenvector.values()) == pytest.approx(1.0) and eigenvector[BROKER.id] < eigenvector[WEST[1].id]


def written_per_month(entity_id: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(month, type) -> (claims, articles) of the entity, counted from what `camps` writes."""
    claims: Counter[tuple[str, str]] = Counter()
    articles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for given, extracted in camps():
        for fact in extracted.relations:
            if entity_id in (fact.subject_id, fact.object_id):
                claims[fact.date[:7], fact.type.value] += 1
                articles[fact.date[:7], fact.type.value].add(given.id)
    return {key: (count, len(articles[key])) for key, count in claims.items()}


def test_trends_count_exactly_what_was_written_per_month(client: TestClient, camp_graphs):
    query = """query($interval: Interval!) {
      trends(entity: "Japan", interval: $interval) { period start type claims sources }
    }"""
    months = gql(client, query, interval="MONTH")["data"]["trends"]
    assert {(p["period"], p["type"]): (p["claims"], p["sources"]) for p in months} == written_per_month(WEST[1].id)
    assert [(p["period"], p["start"], p["type"], p["claims"]) for p in months] == [
        ("2024-01", "2024-01-01", "ALLIED_WITH", 2),
        ("2024-02", "2024-02-01", "ALLIED_WITH", 1),
        ("2024-03", "2024-03-01", "ALLIED_WITH", 1),
        ("2024-03", "2024-03-01", "MET_WITH", 1),
    ]
    quarters = gql(client, query, interval="QUARTER")["data"]["trends"]
    assert [(p["period"], p["type"], p["claims"]) for p in quarters] == [
        ("2024-Q1", "ALLIED_WITH", 4), ("2024-Q1", "MET_WITH", 1)
    ]
    window = """{ trends(entity: "Japan", types: [ALLIED_WITH], since: "2024-02-01", until: "2024-02-29")
                  { period claims } }"""
    assert gql(client, window)["data"]["trends"] == [{"period": "2024-02", "claims": 1}]


def test_movers_compare_the_latest_month_with_the_one_before(client: TestClient, camp_graphs):
    query = "{ movers(period: MONTH, first: 100) { entity { id } current previous change } }"
    movers = gql(client, query)["data"]["movers"]
    march, february = written_per_entity("2024-03"), written_per_entity("2024-02")
    expected = {e: (march[e], february[e]) for e in march.keys() | february.keys() if march[e] != february[e]}
    assert {m["entity"]["id"]: (m["current"], m["previous"]) for m in movers} == expected
    changes = [abs(m["change"]) for m in movers]
    assert changes == sorted(changes, reverse=True) and all(m["change"] == m["current"] - m["previous"] for m in movers)
    # Iran made three alliances in March and none in February, Belarus the other way round.
    assert [(m["entity"]["id"], m["change"]) for m in movers[:2]] == [(EAST[2].id, 3), (EAST[4].id, -3)]


def written_per_entity(month: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, extracted in camps():
        for fact in extracted.relations:
            if fact.date.startswith(month):
                counts.update([fact.subject_id, fact.object_id])
    return counts


def test_the_cache_is_kept_until_a_new_article_or_a_retraction(client: TestClient, camp_graphs, write_graphs):
    insights = client.app.state.service.insights
    where = ProjectionFilter(frozenset({RelType.ALLIED_WITH, RelType.MET_WITH}))
    first = client.portal.call(insights.partition, where, Weight.SOURCES, 1.0)
    assert client.portal.call(insights.partition, where, Weight.SOURCES, 1.0) is first
    version = gql(client, COMMUNITIES)["data"]["communities"]["graphVersion"]

    newcomer = entity("Vietnam", Kind.COUNTRY)
    write_graphs([build_article_graph(*fact_article(RelType.MET_WITH, newcomer, EAST[1], "2024-04-02", 90))])
    after_article = client.portal.call(insights.partition, where, Weight.SOURCES, 1.0)
    assert after_article is not first and after_article.of(newcomer.id) is after_article.of(EAST[1].id)
    assert gql(client, COMMUNITIES)["data"]["communities"]["graphVersion"] == version + 1

    assert scores(client, "BETWEENNESS")[BROKER.id] > 0
    meeting_with_china = camp_graphs[-1].article.id
    client.portal.call(client.app.state.service.delete_article, meeting_with_china)
    after_retraction = client.portal.call(insights.partition, where, Weight.SOURCES, 1.0)
    assert after_retraction is not after_article
    # India now meets only Japan: a leaf on no shortest path, and the camps are apart.
    assert scores(client, "BETWEENNESS")[BROKER.id] == 0
    assert after_retraction.of(BROKER.id) is after_retraction.of(WEST[1].id)
    assert gql(client, COMMUNITIES)["data"]["communities"]["graphVersion"] == version + 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ centrality(measure: FAME) { score } }", "FAME"),
        ('{ communities(since: "2024-05", until: "2024-01") { totalCount } }', "since (2024-05) is after until"),
        ('{ trends(entity: "Japan", since: "2024-05", until: "2024-01") { claims } }', "is after until"),
        ("{ communities(resolution: 0) { totalCount } }", "resolution must be more than 0 and at most 10"),
        ("{ communities(resolution: 11) { totalCount } }", "resolution must be more than 0 and at most 10"),
        ("{ communities(first: 101) { totalCount } }", "first must be between 1 and 100"),
        ("{ centrality(measure: PAGERANK, first: 101) { score } }", "first must be between 1 and 100"),
        ("{ movers(first: 0) { change } }", "first must be between 1 and 100"),
        ("{ communities(minClaims: 0) { totalCount } }", "minClaims must be between 1 and"),
        ('{ communities(since: "last week") { totalCount } }', "is not a date"),
    ],
)
def test_bad_arguments_get_a_clear_error(client: TestClient, query: str, message: str):
    response = client.post("/graphql", json={"query": query})
    assert response.status_code in (200, 400)
    (error,) = response.json()["errors"]
    assert message in error["message"]
    if "path" in error:  # refused by a resolver rather than by validation
        assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_cli_exports_each_entity_with_the_community_graphql_gives_it(
    client: TestClient, camp_graphs, cli_env: Path
):
    result = CliRunner().invoke(cli, ["export", "--communities", "--types", "ALLIED_WITH,MET_WITH", "-o", "c.csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((cli_env / "c.csv").read_text())))
    assert list(rows[0]) == ["community", "label", "entity", "name", "kind", "strength"]
    exported = {r["entity"]: int(r["community"]) for r in rows}
    found = gql(client, COMMUNITIES)["data"]["communities"]["communities"]
    assert exported == {member: c["id"] for c in found for member in members(c)}
    assert {r["kind"] for r in rows} == {"Country"}

    seeded = CliRunner().invoke(cli, ["export", "--communities", "--seed", "Japan"])
    assert seeded.exit_code == 2 and "leave out --seed" in seeded.output
    unseeded = CliRunner().invoke(cli, ["export"])
    assert unseeded.exit_code == 2 and "give at least one --seed, or --communities" in unseeded.output
    bad_type = CliRunner().invoke(cli, ["export", "--communities", "--types", "LOVED"])
    assert bad_type.exit_code == 2 and "unknown relation type" in bad_type.output
