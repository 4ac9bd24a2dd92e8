"""GraphQL `sources`, `addSource` and `removeSource`: the admin role only, the CLI's code path."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.auth import Role

pytestmark = pytest.mark.integration

ADD = """mutation($url: String!) { addSource(url: $url, name: "Wire", every: "1h") {
  id url name everySeconds status itemsSeen ingested skipped { key count } } }"""
LIST = "{ sources { id url status } }"
REMOVE = "mutation($key: String!) { removeSource(key: $key) }"


def key(client: TestClient, role: Role) -> str:
    return client.portal.call(client.app.state.service.create_key, "tests", role)[1]


def gql(client: TestClient, query: str, api_key: str, **variables: object) -> dict:
    return client.post("/graphql", json={"query": query, "variables": variables}, headers={"X-API-Key": api_key}).json()


def test_an_admin_adds_lists_and_removes_a_source(client: TestClient):
    admin = key(client, Role.ADMIN)
    added = gql(client, ADD, admin, url="http://News.example/feed.xml?utm_source=x")["data"]["addSource"]
    assert {k: v for k, v in added.items() if k != "id"} == {
        "url": "http://news.example/feed.xml", "name": "Wire", "everySeconds": 3600, "status": "new",
        "itemsSeen": 0, "ingested": 0, "skipped": [],
    }
    assert gql(client, LIST, admin)["data"]["sources"] == [
        {"id": added["id"], "url": "http://news.example/feed.xml", "status": "new"}
    ]
    assert gql(client, REMOVE, admin, key=added["url"])["data"]["removeSource"] == added["id"]
    assert gql(client, LIST, admin)["data"]["sources"] == []


def test_bad_input_is_a_bad_user_input_error(client: TestClient):
    admin = key(client, Role.ADMIN)
    result = gql(client, ADD, admin, url="ftp://news.example/feed.xml")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "is not an http(s) URL" in result["errors"][0]["message"]
    missing = gql(client, REMOVE, admin, key="nope")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("role", [Role.READER, Role.INGESTER])
def test_sources_need_the_admin_role(client: TestClient, role: Role):
    other = key(client, role)
    for query, variables in ((LIST, {}), (ADD, {"url": "http://news.example/feed.xml"}), (REMOVE, {"key": "x"})):
        result = gql(client, query, other, **variables)
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert gql(client, LIST, key(client, Role.ADMIN))["data"]["sources"] == []
