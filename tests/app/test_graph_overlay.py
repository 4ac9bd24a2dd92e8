"""The graph view's colour by community and size by centrality: what its JSON twin adds to the subgraph."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.seed import Seeded

pytestmark = pytest.mark.integration

US_GRAPH = "/embed/graph.json?seed=United+States&depth=1"


def graphql(client: TestClient, query: str) -> dict:
    answer = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in answer, answer
    return answer["data"]


def test_by_default_the_nodes_carry_no_community_and_no_centrality(client: TestClient, seeded: Seeded):
    data = client.get(US_GRAPH).json()
    assert "communities" not in data
    assert all("community" not in n and "centrality" not in n for n in data["nodes"])
    assert (data["query"]["color"], data["query"]["size"]) == ("kind", "links")


def test_colour_by_community_gives_each_node_the_community_graphql_gives_it(client: TestClient, seeded: Seeded):
    data = client.get(US_GRAPH + "&color=community").json()
    of_node = {n["id"]: n["community"] for n in data["nodes"]}
    for node, community in of_node.items():
        found = graphql(client, f'{{ communityOf(entity: "{node}") {{ id label size }} }}')["communityOf"]
        assert found["id"] == community
    shown = {c["id"]: c["shown"] for c in data["communities"]}
    assert shown == {c: list(of_node.values()).count(c) for c in set(of_node.values())}
    assert [c["shown"] for c in data["communities"]] == sorted(shown.values(), reverse=True)
    assert len(set(of_node.values())) >= 2, "the seeded graph has more than one community"
    assert "centrality" not in data["nodes"][0]
    assert data["links"]["json"].endswith("&color=community")


def test_size_by_pagerank_gives_each_node_its_graphql_score(client: TestClient, seeded: Seeded):
    data = client.get(US_GRAPH + "&size=pagerank").json()
    ranked = graphql(client, "{ centrality(measure: PAGERANK, first: 100) { score entity { id } } }")["centrality"]
    scores = {r["entity"]["id"]: r["score"] for r in ranked}
    assert {n["id"]: n["centrality"] for n in data["nodes"]} == {n["id"]: scores[n["id"]] for n in data["nodes"]}
    assert "communities" not in data and "community" not in data["nodes"][0]


def test_the_overlay_is_computed_over_the_shown_types(client: TestClient, seeded: Seeded):
    china = client.get("/embed/graph.json?seed=China&depth=1&types=RESTRICTED,ANNOUNCED&size=degree").json()
    # One RESTRICTED and one ANNOUNCED edge, one source each.
    assert {n["id"]: n["centrality"] for n in china["nodes"]}["country:china"] == 2.0
    allies = client.get("/embed/graph.json?seed=Japan&depth=1&types=ALLIED_WITH&color=community&size=degree").json()
    # Over ALLIED_WITH alone Japan has two edges (not its MET_WITH), and the three allies are one community.
    assert {n["id"]: n["centrality"] for n in allies["nodes"]} == {
        "country:japan": 2.0, "country:united-states": 2.0, "country:australia": 2.0,
    }
    assert [(c["shown"], c["size"]) for c in allies["communities"]] == [(3, 3)]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("color=bloc", "color: Input should be 'kind' or 'community'"),
        ("size=fame", "size: Input should be 'links', 'pagerank', 'betweenness', 'degree' or 'eigenvector'"),
    ],
)
def test_an_unknown_colour_or_size_is_a_400(client: TestClient, seeded: Seeded, query: str, message: str):
    answer = client.get(f"{US_GRAPH}&{query}")
    assert answer.status_code == 400 and answer.json()["error"] == message
