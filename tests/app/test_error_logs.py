"""GraphQL errors in the server log: a client's mistake is one line at INFO, without a traceback; an
unexpected failure is masked for the client and logged at ERROR with its traceback, once."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.seed import world

pytestmark = pytest.mark.integration

MISTAKES = {
    "BAD_USER_INPUT": ('{ articles(since: "soon") { totalCount } }', {}),
    "NOT_FOUND": ('{ relations(filter: {entity: "Atlantis"}) { totalCount } }', {}),
    "UNAUTHENTICATED": ('mutation { deleteArticle(id: "a1") }', {}),
    "validation": ("{ weather }", {}),
    "syntax": ("{ stats { articles }", {}),
    "variable": (
        "mutation($input: ArticleInput!) { ingestArticle(input: $input) { claims } }",
        {"input": {"text": "Japan and Australia signed a pact.", "published": "last Tuesday"}},
    ),
    "number for a String": ("query($s: String) { entities(search: $s) { totalCount } }", {"s": 5}),
    "unknown enum value": ("query($k: [EntityKind!]) { entities(kinds: $k) { totalCount } }", {"k": ["NOPE"]}),
}

LOGGED = {
    "BAD_USER_INPUT": "BAD_USER_INPUT in articles: 'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "NOT_FOUND": "NOT_FOUND in relations: no entity with id or name 'Atlantis'",
    "UNAUTHENTICATED": "UNAUTHENTICATED in deleteArticle: an API key with the admin role is required "
    "(X-API-Key header)",
    "validation": "refused request: Cannot query field 'weather' on type 'Query'.",
    "syntax": "refused request: Syntax Error: Expected Name, found <EOF>.",
    "variable": "refused request: Variable '$input' has invalid value at .published: Value cannot represent a Date: "
    "\"last Tuesday\". Invalid isoformat string: 'last Tuesday'",
    "number for a String": "refused request: Variable '$s' has invalid value: String cannot represent a non string "
    "value: 5",
    "unknown enum value": "refused request: Variable '$k' has invalid value at [0]: Value 'NOPE' does not exist in "
    "'EntityKind' enum.",
}


def ours(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The records of the app and of Strawberry (not the HTTP client's or the driver's)."""
    return [r for r in caplog.records if r.name.split(".")[0] in ("app", "strawberry", "graphql")]


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_clients_mistake_is_one_line_at_info(client: TestClient, caplog: pytest.LogCaptureFixture, mistake: str):
    query, variables = MISTAKES[mistake]
    with caplog.at_level(logging.INFO):
        response = client.post("/graphql", json={"query": query, "variables": variables})

    assert response.status_code == 200 and response.json()["errors"]
    assert [(r.name, r.levelno, r.exc_info, r.getMessage()) for r in ours(caplog)] == [
        ("app.graphql.errors", logging.INFO, None, LOGGED[mistake])
    ]
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_bad_variable_is_refused_with_the_reason_not_masked(client: TestClient):
    query, variables = MISTAKES["variable"]
    response = client.post("/graphql", json={"query": query, "variables": variables})
    (error,) = response.json()["errors"]
    assert error["message"] == LOGGED["variable"].removeprefix("refused request: ")
    assert "extensions" not in error and response.json()["data"] is None


def test_an_unexpected_failure_is_masked_and_logged_at_error_with_its_traceback(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    async def broken_read(*args: object) -> list:
        raise RuntimeError("bug reading MATCH (a:Article) RETURN a")

    # A bug in the reader, not a database fault: the database stays real and untouched.
    monkeypatch.setattr(client.app.state.service.reader, "articles", broken_read)
    with caplog.at_level(logging.INFO):
        response = client.post("/graphql", json={"query": "{ articles { totalCount } }"})

    (error,) = response.json()["errors"]
    assert error["message"] == "Unexpected error." and error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "MATCH" not in response.text and "RuntimeError" not in response.text
    (record,) = ours(caplog)
    assert (record.name, record.levelno, record.getMessage()) == (
        "app.graphql.errors", logging.ERROR, "unexpected error in articles"
    )
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


BODIES = {
    "invalid UTF-8": b'{"query": "{ __typename }", "operationName": "\xff\xfe"}',
    "JSON nested 100,000 deep": b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 100_000 + b"]" * 100_000
    + b"}}",
    "a lone surrogate": b'{"query": "query($s: String) { entities(search: $s) { totalCount } }", '
    b'"variables": {"s": "\\ud800"}}',
}


@pytest.mark.parametrize("body", sorted(BODIES))
def test_a_body_that_is_not_json_is_a_400_without_an_error_in_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture, body: str
):
    with caplog.at_level(logging.INFO):
        response = client.post("/graphql", content=BODIES[body], headers={"content-type": "application/json"})
    assert (response.status_code, response.text) == (400, "Unable to parse request body as JSON")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("mistake", ["number for a String", "unknown enum value"])
def test_a_variable_of_the_wrong_type_is_a_400_for_graphql_response_json_clients(client: TestClient, mistake: str):
    query, variables = MISTAKES[mistake]
    response = client.post(
        "/graphql", json={"query": query, "variables": variables},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert [e["message"] for e in response.json()["errors"]] == [LOGGED[mistake].removeprefix("refused request: ")]


def test_a_subscription_over_post_is_a_400_with_the_reason(client: TestClient, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.INFO):
        response = client.post("/graphql", json={"query": "subscription { claimAdded { type } }"})
    assert (response.status_code, response.text) == (400, "subscriptions are not allowed when using POST")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_count_past_64_bits_is_a_400_naming_the_parameter(
    client: TestClient, write_graphs, caplog: pytest.LogCaptureFixture
):
    write_graphs(world())
    with caplog.at_level(logging.INFO):
        response = client.get("/embed/graph.json?seed=Japan&minClaims=9223372036854775808")
    assert response.status_code == 400
    assert response.json()["error"] == "minClaims: Input should be less than or equal to 2147483647"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
