"""No N+1: a page of entities with their relations and the claims behind them costs the same few
database round trips for 10 entities as for 100. Round trips are counted on the wire, from the
Bolt RUN messages the neo4j driver logs at DEBUG level (the database is real, nothing is mocked)."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from nlp.records import Kind, RelType
from tests.factories import entity
from tests.seed import AUSTRALIA, INDIA, JAPAN, US, ring, story, world

pytestmark = pytest.mark.integration

ENTITIES_WITH_EVIDENCE = """
query($first: Int!) {
  entities(first: $first, orderBy: NAME) {
    edges { node {
      id name
      relations(first: 5) {
        type claimCount
        subject { id name } object { id name }
        claims { evidence date article { id title } subject { id name } object { id kind } }
        events { firstSeen sourceCount }
      }
    } }
  }
}
"""


def round_trips(client: TestClient, caplog: pytest.LogCaptureFixture, first: int) -> tuple[int, dict]:
    """Run the query; return the number of Bolt RUN messages it sent and its data."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        response = client.post("/graphql", json={"query": ENTITIES_WITH_EVIDENCE, "variables": {"first": first}})
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    runs = sum(" C: RUN " in record.getMessage() for record in caplog.records)
    return runs, response.json()["data"]


def test_entities_with_relations_and_claims_take_the_same_round_trips_for_10_and_100(
    client: TestClient, write_graphs, caplog: pytest.LogCaptureFixture
):
    write_graphs(ring(100))

    few, small = round_trips(client, caplog, 10)
    many, large = round_trips(client, caplog, 100)

    nodes = [edge["node"] for edge in large["entities"]["edges"]]
    assert len(small["entities"]["edges"]) == 10 and len(nodes) == 100
    # Each organization allies with two neighbours and restricts or is restricted by two more.
    assert all(len(node["relations"]) == 4 for node in nodes)
    claims = [claim for node in nodes for rel in node["relations"] for claim in rel["claims"]]
    assert len(claims) == 400 and all(claim["article"]["title"] and claim["subject"]["name"] for claim in claims)
    assert all(sum(e["sourceCount"] for e in rel["events"]) >= 1 for node in nodes for rel in node["relations"])
    # entities, their relations (one loader batch), the claims (one batch), the claims' entities (one
    # batch), the events' reports (one batch)
    assert few == many == 5


PATH_WITH_EVIDENCE = """
query($from: String!, $to: String!) {
  path(from: $from, to: $to, maxHops: 6) {
    length
    hops { type subject { name } object { name } claims { evidence article { title } } }
  }
}
"""


def test_a_shortest_path_with_the_claims_on_each_hop_takes_a_fixed_number_of_round_trips(
    client: TestClient, write_graphs, caplog: pytest.LogCaptureFixture
):
    write_graphs(ring(12))
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        response = client.post(
            "/graphql", json={"query": PATH_WITH_EVIDENCE, "variables": {"from": "Org 0000", "to": "Org 0006"}}
        )
    runs = sum(" C: RUN " in record.getMessage() for record in caplog.records)

    assert response.status_code == 200 and "errors" not in response.json(), response.text
    paths = response.json()["data"]["path"]
    # Three hops of RESTRICTED (i -> i+2) either way round the ring of twelve: 0-2-4-6 or 0-10-8-6.
    assert sorted(p["length"] for p in paths) == [3, 3]
    assert all(hop["claims"][0]["evidence"].startswith("Org ") for p in paths for hop in p["hops"])
    # each end by id then by name (2 + 2), the paths (1), the claims of every hop (1)
    assert runs == 6


NEWEST_RESTRICTION = """
{ relations(filter: {types: [RESTRICTED], subject: "United States"}) {
    edges { node { object { name } claimCount claims(first: 1) { date evidence } } } } }
"""


def test_the_newest_claims_of_each_edge_take_one_round_trip(
    client: TestClient, write_graphs, caplog: pytest.LogCaptureFixture
):
    write_graphs(world())
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        response = client.post("/graphql", json={"query": NEWEST_RESTRICTION})
    runs = sum(" C: RUN " in record.getMessage() for record in caplog.records)

    assert response.status_code == 200 and "errors" not in response.json(), response.text
    (edge,) = response.json()["data"]["relations"]["edges"]
    assert edge["node"]["object"] == {"name": "China"} and edge["node"]["claimCount"] == 2
    assert edge["node"]["claims"] == [
        {"date": "2025-05-19", "evidence": "The United States banned sales of AI accelerators to China."}
    ]
    # the subject by id then by name (2), the page of relations (1), the newest claims of every edge (1)
    assert runs == 4


KENYA, BRAZIL = entity("Kenya", Kind.COUNTRY), entity("Brazil", Kind.COUNTRY)
MEETINGS = (
    [(US, JAPAN)] * 3 + [(US, INDIA)] * 2 + [(US, KENYA)] + [(JAPAN, AUSTRALIA)] * 2 + [(JAPAN, INDIA), (INDIA, BRAZIL)]
)

_FAR = "relations(types: $far_types, first: $far) { subject { id } object { id } claimCount }"
NEIGHBOURHOOD = f"""query($id: ID!, $near: Int!, $far: Int!, $far_types: [RelationType!]) {{
  entity(id: $id) {{ name relations(types: [MET_WITH], first: $near) {{
    claimCount subject {{ id {_FAR} }} object {{ id {_FAR} }} }} }} }}"""
# The same question with the seed's relations in a fragment, which the read-ahead leaves to the resolvers.
NEIGHBOURHOOD_IN_A_FRAGMENT = f"""query($id: ID!, $near: Int!, $far: Int!, $far_types: [RelationType!]) {{
  entity(id: $id) {{ name ...Near }} }}
fragment Near on Entity {{ relations(types: [MET_WITH], first: $near) {{
  claimCount subject {{ id {_FAR} }} object {{ id {_FAR} }} }} }}"""


def neighbourhood(client: TestClient, caplog: pytest.LogCaptureFixture, query: str, **variables: object):
    """Run the query; return its Bolt RUN messages and, for each of the seed's edges, the far end, the
    claims, and the far end's edges as [far end of those, claims]."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    runs = sum(" C: RUN " in record.getMessage() for record in caplog.records)
    seed = response.json()["data"]["entity"]
    if seed is None:
        return runs, None

    def far(edge: dict, end: str) -> dict:
        return edge["object"] if edge["subject"]["id"] == end else edge["subject"]

    answer = []
    for edge in seed["relations"]:
        reached = far(edge, variables["id"])
        answer.append([reached["id"], edge["claimCount"],
                       [[far(e, reached["id"])["id"], e["claimCount"]] for e in reached["relations"]]])
    return runs, answer


def test_a_two_hop_neighbourhood_takes_one_round_trip(client: TestClient, write_graphs, caplog):
    write_graphs([story(100 + i, f"{a.name} met {b.name} ({i}).", f"2025-03-{1 + i:02d}",
                        [(RelType.MET_WITH, a, b, f"2025-03-{1 + i:02d}")]) for i, (a, b) in enumerate(MEETINGS)])
    ask = {"id": US.id, "near": 2, "far": 2, "far_types": ["MET_WITH"]}
    # The United States' two strongest meetings, Japan (3 claims) and India (2), before Kenya (1); then
    # theirs: India's ties on one claim (Brazil, Japan) go to the far end's id.
    expected = [[JAPAN.id, 3, [[US.id, 3], [AUSTRALIA.id, 2]]], [INDIA.id, 2, [[US.id, 2], [BRAZIL.id, 1]]]]

    assert neighbourhood(client, caplog, NEIGHBOURHOOD, **ask) == (1, expected)
    # the entity, its edges, the far ends' edges
    assert neighbourhood(client, caplog, NEIGHBOURHOOD_IN_A_FRAGMENT, **ask) == (3, expected)
    # A smaller second page: the seed's own edges at that size are read with the far ends'.
    assert neighbourhood(client, caplog, NEIGHBOURHOOD, **{**ask, "far": 1}) == (
        1, [[JAPAN.id, 3, [[US.id, 3]]], [INDIA.id, 2, [[US.id, 2]]]]
    )
    # Other types at the second hop: the far ends' edges come from their own loader batch.
    assert neighbourhood(client, caplog, NEIGHBOURHOOD, **{**ask, "far_types": ["MET_WITH", "ALLIED_WITH"]}) == (
        2, expected
    )
    assert neighbourhood(client, caplog, NEIGHBOURHOOD, **{**ask, "id": "country:atlantis"}) == (1, None)
