"""The GraphQL API over a real graph: ingest, then query entities, relations and their evidence."""

import pytest
from fastapi.testclient import TestClient

from tests.factories import SEED_ARTICLE, needs_shared

pytestmark = pytest.mark.integration

INGEST = """
mutation($input: ArticleInput!) {
  ingestArticle(input: $input) { ingested duplicates claims }
}
"""

ALLIES = """
query($entity: String!) {
  relations(type: ALLIED_WITH, entity: $entity) {
    subject { name } object { name } claimCount hedged
    claims { evidence start end hedged article { id title published } }
  }
}
"""


def gql(client: TestClient, query: str, **variables: object) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def ingest(client: TestClient, text: str, **fields: object) -> dict:
    return gql(client, INGEST, input={"text": text, **fields})["data"]["ingestArticle"]


def test_the_seed_article_gives_the_allies_of_the_united_states_with_evidence(client: TestClient):
    needs_shared(SEED_ARTICLE)
    title, _, text = SEED_ARTICLE.read_text().partition("\n")
    assert len(ingest(client, text, title=title, published="2025-07-26")["ingested"]) == 1

    relations = gql(client, ALLIES, entity="United States")["data"]["relations"]
    partners = {r["subject"]["name"] if r["object"]["name"] == "United States" else r["object"]["name"] for r in relations}
    assert {"Japan", "Australia"} <= partners
    for relation in relations:
        claim = relation["claims"][0]
        assert "allies, such as Japan and Australia" in claim["evidence"]
        assert text[claim["start"] : claim["end"]] == claim["evidence"]
        assert claim["article"]["title"] == title and claim["article"]["published"] == "2025-07-26"
        assert claim["hedged"] is True


def test_the_same_text_twice_is_stored_once(client: TestClient):
    text = "Japan and Australia signed a security partnership on Monday."
    first = ingest(client, text, published="2025-03-03")
    second = ingest(client, text, published="2025-03-03")
    assert len(first["ingested"]) == 1
    assert second == {"ingested": [], "duplicates": ["graphql"], "claims": 0}


def test_entities_search_is_fuzzy_and_ranked(client: TestClient):
    ingest(client, "Nvidia CEO Jensen Huang met Japanese Prime Minister Shigeru Ishiba in Tokyo.", published="2025-02-01")
    data = gql(client, "{ entities(search: \"nvidai\") { id name kind } }")["data"]
    assert data["entities"][0] == {"id": "organization:nvidia", "name": "Nvidia", "kind": "ORGANIZATION"}


def test_bad_input_gets_a_coded_error_and_stores_nothing(client: TestClient):
    empty = gql(client, INGEST, input={"text": "   "})
    assert empty["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "empty text" in empty["errors"][0]["message"]
    too_many = gql(client, "{ articles(first: 100000) { id } }")
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert gql(client, "{ articles(first: 5) { id } }")["data"] == {"articles": []}


def test_unknown_entities_are_not_found_and_injection_strings_are_just_strings(client: TestClient):
    missing = gql(client, ALLIES, entity="x' OR 1=1 //")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    search = gql(client, '{ entities(search: "\\") } MATCH (n) DETACH DELETE n //") { id } }')
    assert search["data"] == {"entities": []}
