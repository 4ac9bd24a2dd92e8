"""The GraphQL API over a real graph: ingest, then query entities, relations and their evidence."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.auth import Role

pytestmark = pytest.mark.integration

INGEST = """
mutation($input: ArticleInput!) {
  ingestArticle(input: $input) { ingested duplicates claims }
}
"""

ALLIES = """
query($entity: String!) {
  relations(filter: {types: [ALLIED_WITH], entity: $entity}) {
    totalCount
    edges { node {
      subject { name } object { name } claimCount hedged
      claims { evidence start end hedged article { id title published } }
    } }
  }
}
"""


def gql(client: TestClient, query: str, key: str | None = None, **variables: object) -> dict:
    headers = {"X-API-Key": key} if key else {}
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def ingester(client: TestClient) -> str:
    """A key with the ingester role (anonymous reads stay open: the test settings say so)."""
    service = client.app.state.service
    return client.portal.call(service.create_key, "tests", Role.INGESTER)[1]


def ingest(client: TestClient, key: str, text: str, **fields: object) -> dict:
    return gql(client, INGEST, key, input={"text": text, **fields})["data"]["ingestArticle"]


def test_the_seed_article_gives_the_allies_of_the_united_states_with_evidence(
    client: TestClient, ingester: str, seed_article: Path
):
    title, _, text = seed_article.read_text().partition("\n")
    assert len(ingest(client, ingester, text, title=title, published="2025-07-26")["ingested"]) == 1

    relations = gql(client, ALLIES, entity="United States")["data"]["relations"]
    nodes = [edge["node"] for edge in relations["edges"]]
    partners = {n["subject"]["name"] if n["object"]["name"] == "United States" else n["object"]["name"] for n in nodes}
    assert partners == {"Japan", "Australia"} and relations["totalCount"] == 2
    for node in nodes:
        claim = node["claims"][0]
        assert "allies, such as Japan and Australia" in claim["evidence"]
        assert text[claim["start"] : claim["end"]] == claim["evidence"]
        assert claim["article"]["title"] == title and claim["article"]["published"] == "2025-07-26"
        assert claim["hedged"] is True


def test_the_same_text_twice_is_stored_once(client: TestClient, ingester: str):
    text = "Japan and Australia signed a security partnership on Monday."
    first = ingest(client, ingester, text, published="2025-03-03")
    second = ingest(client, ingester, text, published="2025-03-03")
    assert len(first["ingested"]) == 1
    assert second == {"ingested": [], "duplicates": ["input-1"], "claims": 0}


def test_entities_search_is_fuzzy_and_ranked(client: TestClient, ingester: str):
    ingest(client, ingester, "Nvidia CEO Jensen Huang met Japanese Prime Minister Shigeru Ishiba in Tokyo.",
           published="2025-02-01")
    data = gql(client, '{ entities(search: "nvidai") { edges { node { id name kind } } } }')["data"]
    nvidia = {"id": "organization:nvidia", "name": "Nvidia", "kind": "ORGANIZATION"}
    assert data["entities"]["edges"][0]["node"] == nvidia


def test_mutations_need_a_key_with_the_right_role(client: TestClient, ingester: str):
    anonymous = gql(client, INGEST, input={"text": "Japan and Australia are allies."})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    delete = gql(client, 'mutation { deleteArticle(id: "x") }', ingester)
    assert delete["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad_key = client.post("/graphql", json={"query": "{ stats { articles } }"}, headers={"X-API-Key": "rg_wrong"})
    assert bad_key.status_code == 401 and bad_key.json()["error"] == "invalid or revoked API key"


def test_bad_input_gets_a_coded_error_and_stores_nothing(client: TestClient, ingester: str):
    empty = gql(client, INGEST, ingester, input={"text": "   "})
    assert empty["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "empty text" in empty["errors"][0]["message"]
    too_many = gql(client, "{ articles(first: 100000) { edges { node { id } } } }")
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert gql(client, "{ stats { articles claims } }")["data"] == {"stats": {"articles": 0, "claims": 0}}


def test_unknown_entities_are_not_found_and_injection_strings_are_just_strings(client: TestClient):
    missing = gql(client, ALLIES, entity="x' OR 1=1 //")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    search = gql(client, '{ entities(search: "\\") } MATCH (n) DETACH DELETE n //") { edges { cursor } } }')
    assert search["data"] == {"entities": {"edges": []}}


def test_analysts_can_keep_only_facts_with_several_independent_sources(client: TestClient, ingester: str):
    for day, partner in [("03", "Australia"), ("05", "Australia"), ("07", "India")]:
        ingest(client, ingester, f"Japan and {partner} signed a security partnership on 2025-03-{day}.",
               published=f"2025-03-{day}")
    query = """query($n: Int!) {
      relations(filter: {types: [ALLIED_WITH], entity: "Japan", minSources: $n}) {
        edges { node { subject { name } object { name } articleCount } } }
      relationStats(groupBy: TYPE, filter: {types: [ALLIED_WITH], entity: "Japan", minSources: $n}) { key count }
    }"""

    def partners(data: dict) -> dict[str, int]:
        nodes = [e["node"] for e in data["relations"]["edges"]]
        return {({n["subject"]["name"], n["object"]["name"]} - {"Japan"}).pop(): n["articleCount"] for n in nodes}

    once, twice = gql(client, query, n=1)["data"], gql(client, query, n=2)["data"]
    assert partners(once) == {"Australia": 2, "India": 1}
    assert partners(twice) == {"Australia": 2}
    assert once["relationStats"] == [{"key": "ALLIED_WITH", "count": 3}]
    assert twice["relationStats"] == [{"key": "ALLIED_WITH", "count": 2}]
    refused = gql(client, query, n=0)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_reports_of_a_fact_months_apart_are_separate_events_each_with_its_sources(client: TestClient, ingester: str):
    for day in ("2025-03-03", "2025-03-05", "2026-01-10"):
        ingest(client, ingester, f"Japan and Australia signed a security partnership on {day}.", published=day)
    query = """query($window: Int!) {
      relations(filter: {types: [ALLIED_WITH], entity: "Japan"}) { edges { node {
        articleCount
        events(windowDays: $window) { firstSeen lastSeen claimCount sourceCount }
        corroborated: events(windowDays: $window, minSources: 2) { firstSeen }
      } } } }"""
    (edge,) = gql(client, query, window=30)["data"]["relations"]["edges"]
    assert edge["node"]["articleCount"] == 3
    assert edge["node"]["events"] == [
        {"firstSeen": "2025-03-03", "lastSeen": "2025-03-05", "claimCount": 2, "sourceCount": 2},
        {"firstSeen": "2026-01-10", "lastSeen": "2026-01-10", "claimCount": 1, "sourceCount": 1},
    ]
    assert edge["node"]["corroborated"] == [{"firstSeen": "2025-03-03"}]
    (edge,) = gql(client, query, window=400)["data"]["relations"]["edges"]
    assert [e["sourceCount"] for e in edge["node"]["events"]] == [3]
    for window in (-1, 3661):
        refused = gql(client, query, window=window)
        assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    refused = gql(client, '{ relations { edges { node { events(minSources: 0) { firstSeen } } } } }')
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ({"text": "Japan and Australia are allies. " * 3200}, "(RACEGRAPH_MAX_ARTICLE_CHARS); split it"),
        ({"text": "Japan and Australia are allies.", "url": "javascript:alert(1)"}, "must start with http"),
        ({"text": "Japan and Australia are allies.", "url": "data:text/html,x"}, "must start with http"),
    ],
)
def test_an_article_too_long_or_with_a_non_http_link_is_refused_and_nothing_is_stored(
    client: TestClient, ingester: str, given: dict, reason: str
):
    refused = gql(client, INGEST, ingester, input=given)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert reason in refused["errors"][0]["message"]
    assert gql(client, "{ stats { articles } }")["data"] == {"stats": {"articles": 0}}


STATS = "{ stats { articles } }"


@pytest.mark.parametrize("environment", ["test", "production"])
def test_reads_without_a_key_are_closed_outside_development_whatever_keys_exist(settings, db, environment: str):
    from app.main import create_app

    unset = settings.model_copy(update={"environment": environment, "anonymous_read": None})
    with TestClient(create_app(unset)) as client:
        service = client.app.state.service
        assert gql(client, STATS)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # no key exists
        key_id, key = client.portal.call(service.create_key, "reader", Role.READER)
        assert gql(client, STATS, key)["data"] == {"stats": {"articles": 0}}
        client.portal.call(service.revoke_key, key_id)  # the last key gone: reads stay closed
        assert gql(client, STATS)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_reads_without_a_key_stay_open_in_development_once_a_key_exists(settings, db):
    from app.main import create_app

    unset = settings.model_copy(update={"environment": "development", "anonymous_read": None})
    with TestClient(create_app(unset)) as client:
        client.portal.call(client.app.state.service.create_key, "reader", Role.READER)
        assert gql(client, STATS)["data"] == {"stats": {"articles": 0}}


def test_a_document_with_two_anonymous_operations_is_refused(client: TestClient):
    body = gql(client, "{ a: __typename } { b: __typename }")
    assert body["data"] is None
    lone = "This anonymous operation must be the only defined operation."
    assert [e["message"] for e in body["errors"]] == [lone, lone]
