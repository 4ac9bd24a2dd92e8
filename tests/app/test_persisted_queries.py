"""Automatic persisted queries as an Apollo client meets them: a hash the server does not know is answered
PERSISTED_QUERY_NOT_FOUND, the text sent with its hash runs and is kept, the hash alone then runs the
kept text; a hash that does not match its text, or an unknown protocol version, is refused."""

from __future__ import annotations

import hashlib

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient

from app.graphql.persisted import PersistedQueryStore
from tests.seed import JAPAN, world

QUERY = "query($id: ID!) { entity(id: $id) { name } }"
HASH = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(sha256: str = HASH, version: int = 1) -> dict[str, object]:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256}}


def post(client: TestClient, body: dict[str, object]) -> httpx.Response:
    return client.post("/graphql", json={"variables": {"id": JAPAN.id}, **body})


def refused(response: httpx.Response) -> tuple[str, str]:
    """(code, message) of a request refused before it ran."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None and len(body["errors"]) == 1, body
    (error,) = body["errors"]
    return error["extensions"]["code"], error["message"]


# --- the store ---------------------------------------------------------------------------------------


def test_the_store_drops_the_least_recently_used_text_past_its_size():
    store = PersistedQueryStore(max_entries=2, max_chars=100)
    store.put("a", "{ a }")
    store.put("b", "{ b }")
    assert store.get("a") == "{ a }"  # now b is the least recently used
    store.put("c", "{ c }")
    assert (store.get("a"), store.get("b"), store.get("c")) == ("{ a }", None, "{ c }")
    assert len(store) == 2


def test_the_store_keeps_no_text_longer_than_its_limit_and_none_at_all_when_sized_zero():
    store = PersistedQueryStore(max_entries=10, max_chars=5)
    store.put("long", "{ long }")
    assert store.get("long") is None
    off = PersistedQueryStore(max_entries=0, max_chars=100)
    off.put("a", "{ a }")
    assert (off.get("a"), len(off)) == (None, 0)


# --- over HTTP ---------------------------------------------------------------------------------------

integration = pytest.mark.integration


@pytest.fixture
def seeded(client: TestClient, write_graphs) -> TestClient:
    write_graphs(world())
    return client


@integration
def test_an_unknown_hash_without_text_is_persisted_query_not_found(seeded: TestClient):
    response = post(seeded, {"extensions": persisted()})
    assert refused(response) == ("PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")


@integration
def test_a_miss_then_the_text_with_its_hash_runs_and_the_hash_alone_runs_it_after(seeded: TestClient):
    assert refused(post(seeded, {"extensions": persisted()}))[0] == "PERSISTED_QUERY_NOT_FOUND"
    registered = post(seeded, {"query": QUERY, "extensions": persisted()})
    assert registered.json() == {"data": {"entity": {"name": "Japan"}}}
    hit = post(seeded, {"extensions": persisted()})
    assert hit.status_code == 200
    assert hit.json() == {"data": {"entity": {"name": "Japan"}}}


@integration
def test_a_hash_alone_runs_over_get_too(seeded: TestClient):
    post(seeded, {"query": QUERY, "extensions": persisted()})
    params = {"variables": orjson.dumps({"id": JAPAN.id}).decode(), "extensions": orjson.dumps(persisted()).decode()}
    response = seeded.get("/graphql", params=params, headers={"Accept": "application/json"})
    assert response.json() == {"data": {"entity": {"name": "Japan"}}}


@integration
def test_a_hash_that_does_not_match_the_text_is_refused_and_nothing_is_kept(seeded: TestClient):
    wrong = hashlib.sha256(b"{ stats { entities } }").hexdigest()
    response = post(seeded, {"query": QUERY, "extensions": persisted(wrong)})
    assert refused(response) == ("PERSISTED_QUERY_INVALID", "provided sha does not match query")
    assert refused(post(seeded, {"extensions": persisted(wrong)}))[0] == "PERSISTED_QUERY_NOT_FOUND"


@integration
def test_an_unknown_protocol_version_is_refused(seeded: TestClient):
    response = post(seeded, {"query": QUERY, "extensions": persisted(version=2)})
    assert refused(response)[0] == "PERSISTED_QUERY_INVALID"


@integration
def test_queries_without_the_extension_run_as_before(seeded: TestClient):
    assert post(seeded, {"query": QUERY}).json() == {"data": {"entity": {"name": "Japan"}}}
