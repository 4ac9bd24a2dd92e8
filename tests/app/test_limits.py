"""Query limits as a client meets them: what the API refuses, with which message, and what it still runs
right at each limit. The limits come from Settings (`max_query_depth`, `max_aliases`, `max_tokens`,
`max_page_size`) and from two fields: `neighbors(depth)` goes up to 3 and `path(maxHops)` up to 6.

A document over a limit fails before execution: status 200 with `data: null` and one error under
`application/json`, status 400 and no `data` when the client asks for application/graphql-response+json.
An argument over a limit is a field error with code BAD_USER_INPUT. Neither reaches the database (an
argument of a nested field, like `claims(first:)`, is checked once the objects it hangs from are read)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.auth import Role
from app.graphql.queries.graph import MAX_PATH_HOPS
from app.graphql.types.relation import DEFAULT_CLAIMS
from app.settings import Settings
from nlp.records import RelType
from tests.invariants import graph_counts
from tests.seed import AUSTRALIA, CHINA, JAPAN, US, story, world

pytestmark = pytest.mark.integration

NEIGHBORS_MAX_DEPTH = 3
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def entity_selection(depth: int) -> str:
    """A selection on an Entity whose deepest field is `depth` levels down:
    `relations(first: 2) { subject { relations(first: 2) { ... name } } }` (two a level keeps it under the cost
    limit)."""
    selection = "name" if depth % 2 else "claimCount"
    for level in range(depth - 1, 0, -1):
        selection = f"{'relations(first: 2)' if level % 2 else 'subject'} {{ {selection} }}"
    return selection


def deep(depth: int) -> str:
    """A query `depth` levels deep, `entity` the first."""
    return f"query Deep($id: ID!) {{ entity(id: $id) {{ {entity_selection(depth - 1)} }} }}"


def deep_in_fragments(depth: int) -> str:
    """The same query with each level in its own named fragment, so no selection looks deep."""
    fragments = []
    depth -= 1  # below `entity`
    for level in range(1, depth):
        on, field = ("Entity", "relations(first: 2)") if level % 2 else ("Relation", "subject")
        fragments.append(f"fragment L{level} on {on} {{ {field} {{ ...L{level + 1} }} }}")
    on, leaf = ("Entity", "name") if depth % 2 else ("Relation", "claimCount")
    fragments.append(f"fragment L{depth} on {on} {{ {leaf} }}")
    return "query Deep($id: ID!) { entity(id: $id) { ...L1 } }\n" + "\n".join(fragments)


def aliases(count: int) -> str:
    """A query asking for one entity under `count` aliases."""
    return "query($id: ID!) { " + " ".join(f"e{i}: entity(id: $id) {{ name }}" for i in range(count)) + " }"


def aliases_in_fragments(count: int) -> str:
    """`count` aliases, none in the operation itself: a named fragment with half of them is spread twice
    (once inside an inline fragment), and an inline fragment holds the odd one. The spreads merge into
    half as many response keys, but each spread costs the server its aliases again."""
    half, odd = divmod(count, 2)
    named = " ".join(f"n{i}: entity(id: $id) {{ name }}" for i in range(half))
    extra = "... on Query { odd: entity(id: $id) { name } }" if odd else ""
    return f"query($id: ID!) {{ ...Names ... on Query {{ ...Names }} {extra} }}\nfragment Names on Query {{ {named} }}"


def tokens(count: int) -> str:
    """A document of exactly `count` tokens (brackets, colons and names count): 12 plus the kinds listed."""
    return "{ entities(kinds: [" + " ".join(["COUNTRY"] * (count - 12)) + "]) { totalCount } }"


def request(limit: str, settings: Settings, over: int) -> tuple[str, dict[str, object]]:
    """A request right at `limit` (over=0) or one step over it (over=1)."""
    on_japan = {"id": JAPAN.id}
    builders: dict[str, Callable[[], tuple[str, dict[str, object]]]] = {
        "depth": lambda: (deep(settings.max_query_depth + over), on_japan),
        "depth in fragments": lambda: (deep_in_fragments(settings.max_query_depth + over), on_japan),
        "aliases": lambda: (aliases(settings.max_aliases + over), on_japan),
        "aliases in fragments": lambda: (aliases_in_fragments(settings.max_aliases + over), on_japan),
        "tokens": lambda: (tokens(settings.max_tokens + over), {}),
        "page size": lambda: (
            "query($first: Int!) { entities(first: $first) { totalCount } }", {"first": settings.max_page_size + over}
        ),
        "claims page size": lambda: (
            'query($first: Int!) { relations(filter: {types: [RESTRICTED], subject: "Netherlands"}) '
            "{ edges { node { claims(first: $first) { date } } } } }",
            {"first": settings.max_page_size + over},
        ),
        "neighbors depth": lambda: (
            "query($id: String!, $depth: Int!) { neighbors(id: $id, depth: $depth) { nodes { name } } }",
            {"id": "Japan", "depth": NEIGHBORS_MAX_DEPTH + over},
        ),
        "path hops": lambda: (
            'query($hops: Int!) { path(from: "Japan", to: "Australia", maxHops: $hops) { length } }',
            {"hops": MAX_PATH_HOPS + over},
        ),
    }
    return builders[limit]()


LIMITS = [
    "depth", "depth in fragments", "aliases", "aliases in fragments", "tokens", "page size", "claims page size",
    "neighbors depth", "path hops",
]


def post(client: TestClient, query: str, accept: str = "application/json", **variables: object) -> httpx.Response:
    return client.post("/graphql", json={"query": query, "variables": variables}, headers={"Accept": accept})


def send(
    client: TestClient, limit: str, settings: Settings, over: int, accept: str = "application/json"
) -> httpx.Response:
    """Post the request right at `limit` (over=0) or one step over it (over=1)."""
    query, variables = request(limit, settings, over)
    return post(client, query, accept, **variables)


def refusal(response: httpx.Response) -> str:
    """The message of a request refused before execution, once the shape every refusal has is checked."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None and len(body["errors"]) == 1, body
    assert set(body["errors"][0]) <= {"message", "locations"}  # no path: no field ran
    return body["errors"][0]["message"]


def field_error(response: httpx.Response) -> dict:
    """The one error of a request that ran and failed in a field."""
    assert response.status_code == 200, response.text
    (error,) = response.json()["errors"]
    return error


def bolt_runs(client: TestClient, caplog: pytest.LogCaptureFixture, limit: str, settings: Settings, over: int) -> int:
    """Send the request at or over `limit`; return how many queries it sent to Neo4j (Bolt RUN messages,
    which the driver logs at DEBUG)."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        send(client, limit, settings, over)
    return sum(" C: RUN " in record.getMessage() for record in caplog.records)


def levels(value: object) -> int:
    """How deep a response goes: one level per object (lists add none)."""
    if isinstance(value, dict):
        return 1 + max((levels(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((levels(v) for v in value), default=0)
    return 0


@pytest.fixture
def seeded(client: TestClient, write_graphs) -> TestClient:
    """The client over the small world: Japan allied with the United States and Australia, and more."""
    write_graphs(world())
    return client


# --- depth ----------------------------------------------------------------------------------------


def test_a_query_deeper_than_the_limit_is_refused_with_the_limit_in_the_message(client: TestClient, settings):
    response = post(client, deep(settings.max_query_depth + 1), id=JAPAN.id)
    assert refusal(response) == f"'Deep' exceeds maximum operation depth of {settings.max_query_depth}"


def test_depth_hidden_in_fragments_counts_the_same(client: TestClient, settings):
    response = post(client, deep_in_fragments(settings.max_query_depth + 1), id=JAPAN.id)
    assert refusal(response) == f"'Deep' exceeds maximum operation depth of {settings.max_query_depth}"


def test_a_query_at_the_depth_limit_runs(seeded: TestClient, settings):
    body = post(seeded, deep(settings.max_query_depth), id=JAPAN.id).json()
    assert "errors" not in body, body
    # answered all the way down: the entity's nested objects, then the leaf field
    assert levels(body["data"]["entity"]) + 1 == settings.max_query_depth


# --- aliases --------------------------------------------------------------------------------------


def test_more_aliases_than_allowed_are_refused(client: TestClient, settings):
    response = post(client, aliases(settings.max_aliases + 1), id=JAPAN.id)
    assert refusal(response) == f"{settings.max_aliases + 1} aliases found. Allowed: {settings.max_aliases}"


def test_aliases_spread_through_fragments_and_inline_fragments_count_every_time(client: TestClient, settings):
    response = post(client, aliases_in_fragments(settings.max_aliases + 1), id=JAPAN.id)
    assert refusal(response) == f"{settings.max_aliases + 1} aliases found. Allowed: {settings.max_aliases}"


def test_a_query_with_as_many_aliases_as_allowed_runs(seeded: TestClient, settings):
    plain = post(seeded, aliases(settings.max_aliases), id=JAPAN.id).json()
    assert plain["data"] == {f"e{i}": {"name": "Japan"} for i in range(settings.max_aliases)}
    spread = post(seeded, aliases_in_fragments(settings.max_aliases), id=JAPAN.id).json()
    # The two spreads of the fragment merge: half as many keys in the response as aliases counted.
    assert spread["data"] == {f"n{i}": {"name": "Japan"} for i in range(settings.max_aliases // 2)} | (
        {"odd": {"name": "Japan"}} if settings.max_aliases % 2 else {}
    )


# --- tokens ---------------------------------------------------------------------------------------


def test_a_document_over_the_token_limit_is_refused_before_it_is_parsed(client: TestClient, settings):
    response = post(client, tokens(settings.max_tokens + 1))
    message = f"Syntax Error: Document contains more than {settings.max_tokens} tokens. Parsing aborted."
    assert refusal(response) == message


def test_a_document_at_the_token_limit_runs(seeded: TestClient, settings):
    body = post(seeded, tokens(settings.max_tokens)).json()
    assert body == {"data": {"entities": {"totalCount": 6}}}  # the six countries of the world


# --- arguments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["page size", "claims page size"])
def test_first_above_the_largest_page_is_bad_user_input(seeded: TestClient, settings, limit: str):
    error = field_error(send(seeded, limit, settings, over=1))
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == f"first must be between 1 and {settings.max_page_size}"


def test_neighbors_beyond_three_hops_is_bad_user_input(seeded: TestClient, settings):
    error = field_error(send(seeded, "neighbors depth", settings, over=1))
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == "depth: Input should be less than or equal to 3"


def test_a_path_of_more_than_six_hops_is_bad_user_input(seeded: TestClient, settings):
    error = field_error(send(seeded, "path hops", settings, over=1))
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert error["message"] == f"maxHops must be between 1 and {MAX_PATH_HOPS}"


# --- every limit ----------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", LIMITS)
def test_a_request_right_at_each_limit_runs(seeded: TestClient, settings, limit: str):
    body = send(seeded, limit, settings, over=0).json()
    assert "errors" not in body and body["data"], body


@pytest.mark.parametrize("limit", [limit for limit in LIMITS if limit != "claims page size"])
def test_a_request_over_a_limit_never_reaches_the_database(
    seeded: TestClient, settings, caplog: pytest.LogCaptureFixture, limit: str
):
    # (`claims(first:)` is checked once the edges it hangs from are read, so it is not in this list.)
    assert bolt_runs(seeded, caplog, limit, settings, over=0) > 0
    assert bolt_runs(seeded, caplog, limit, settings, over=1) == 0


@pytest.mark.parametrize("limit", LIMITS)
def test_no_refusal_shows_cypher_or_a_stack_trace(seeded: TestClient, settings, limit: str):
    response = send(seeded, limit, settings, over=1)
    for error in response.json()["errors"]:
        assert set(error) <= {"message", "locations", "path", "extensions"}
        assert set(error.get("extensions", {})) <= {"code"}
    for leak in ("Traceback", 'File "', ".py", "MATCH", "RETURN", "UNWIND", "neo4j", "Cypher"):
        assert leak not in response.text


@pytest.mark.parametrize("limit", ["depth", "depth in fragments", "aliases", "aliases in fragments", "tokens"])
def test_clients_asking_for_graphql_response_json_get_status_400_without_data(
    client: TestClient, settings, limit: str
):
    response = send(client, limit, settings, over=1, accept=GRAPHQL_RESPONSE_JSON)
    assert response.status_code == 400 and response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    assert set(response.json()) == {"errors"} and len(response.json()["errors"]) == 1


# --- a refused mutation changes nothing -----------------------------------------------------------

TITLE = "The United States and Japan renewed their alliance"  # the first story of the world


def refused_mutation(limit: str, settings: Settings) -> str:
    """A mutation deleting article $id (and, for depth, merging Australia into Japan) over `limit`."""
    if limit == "aliases":
        return "mutation($id: ID!) { " + " ".join(
            f"d{i}: deleteArticle(id: $id)" for i in range(settings.max_aliases + 1)
        ) + " }"
    if limit == "depth":
        return (
            'mutation($id: ID!) { deleteArticle(id: $id) mergeEntities(keep: "Japan", merge: "Australia") { '
            + entity_selection(settings.max_query_depth + 1) + " } }"
        )
    padding = " ".join(["__typename"] * settings.max_tokens)
    return f"mutation($id: ID!) {{ deleteArticle(id: $id) ...Padding }} fragment Padding on Mutation {{ {padding} }}"


@pytest.mark.parametrize("limit", ["aliases", "depth", "tokens"])
def test_a_refused_mutation_changes_nothing(seeded: TestClient, db: Driver, settings, limit: str):
    admin = seeded.portal.call(seeded.app.state.service.create_key, "tests", Role.ADMIN)[1]
    article_id = db.execute_query("MATCH (a:Article {title: $title}) RETURN a.id AS id", title=TITLE)[0][0]["id"]
    before = graph_counts(db)

    response = seeded.post(
        "/graphql", json={"query": refused_mutation(limit, settings), "variables": {"id": article_id}},
        headers={"X-API-Key": admin},
    )

    assert refusal(response)
    assert graph_counts(db) == before
    article = post(seeded, "query($id: ID!) { article(id: $id) { title } }", id=article_id).json()
    assert article == {"data": {"article": {"title": TITLE}}}
    assert post(seeded, "query($id: ID!) { entity(id: $id) { name } }", id=AUSTRALIA.id).json()["data"] == {
        "entity": {"name": "Australia"}
    }


# --- Relation.claims ------------------------------------------------------------------------------


DAYS = [(date(2025, 1, 1) + timedelta(days=n)).isoformat() for n in range(DEFAULT_CLAIMS + 5)]


@pytest.fixture
def hub_edge(client: TestClient, write_graphs) -> TestClient:
    """The client over one edge with more claims than an edge shows by default: the United States
    restricting China in one article a day, on each of DAYS."""
    write_graphs([
        story(100 + n, f"The United States restricted chip sales to China, measure {n}.", day, [
            (RelType.RESTRICTED, US, CHINA, day)
        ])
        for n, day in enumerate(DAYS)
    ])
    return client


EDGE_CLAIMS = """
query($first: Int!) {
  relations(filter: {types: [RESTRICTED]}) {
    edges { node { claimCount claims { date } more: claims(first: $first) { date } } }
  }
}
"""


def test_an_edge_shows_its_newest_claims_up_to_the_default_unless_first_says_otherwise(hub_edge: TestClient):
    (edge,) = post(hub_edge, EDGE_CLAIMS, first=len(DAYS)).json()["data"]["relations"]["edges"]
    newest_first = DAYS[::-1]
    assert edge["node"]["claimCount"] == len(DAYS)
    assert [c["date"] for c in edge["node"]["claims"]] == newest_first[:DEFAULT_CLAIMS]
    assert [c["date"] for c in edge["node"]["more"]] == newest_first


def test_the_hops_of_a_path_show_their_newest_claims_too(hub_edge: TestClient):
    query = '{ path(from: "United States", to: "China") { hops { claimCount claims { date } } } }'
    (path,) = post(hub_edge, query).json()["data"]["path"]
    (hop,) = path["hops"]
    assert hop["claimCount"] == len(DAYS) and [c["date"] for c in hop["claims"]] == DAYS[::-1][:DEFAULT_CLAIMS]


# --- cost and result size -------------------------------------------------------------------------


def fan_out(first: int | str, levels: int) -> str:
    """`entities(first:)` and, `levels` times below each, the object of each of its 20 strongest relations:
    the fan-out that depth and alias limits let through."""
    selection = "name"
    for _ in range(levels):
        selection = f"name relations {{ object {{ {selection} }} }}"
    variables = "($first: Int!)" if first == "$first" else ""
    return f"query{variables} {{ entities(first: {first}) {{ edges {{ node {{ {selection} }} }} }} }}"


def test_a_fan_out_over_the_cost_limit_is_refused_with_its_cost_before_it_runs(
    seeded: TestClient, settings, caplog: pytest.LogCaptureFixture
):
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        response = post(seeded, fan_out(4, 4))
    assert not any(" C: RUN " in r.getMessage() for r in caplog.records)  # refused before any query
    body = response.json()
    assert body["data"] is None and len(body["errors"]) == 1, body
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY"}
    # entities, then edges, node, name and relations on each of 4, then on each of 20 relations of each:
    # object, name and relations (object and name on the last level)
    cost = 1 + 4 * 4 + sum(3 * 4 * 20**level for level in range(1, 4)) + 2 * 4 * 20**4
    assert error["message"].startswith(f"QUERY_TOO_COSTLY: this query could resolve up to {cost} fields")
    assert f"limit of {settings.max_query_cost} (RACEGRAPH_MAX_QUERY_COST)" in error["message"]


def test_the_cost_counts_first_given_in_a_variable(seeded: TestClient):
    cheap = post(seeded, fan_out("$first", 3), first=1).json()
    assert "errors" not in cheap and cheap["data"]["entities"]["edges"], cheap
    costly = post(seeded, fan_out("$first", 3), first=100).json()
    assert costly["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY"}


@pytest.fixture
def capped(settings: Settings, db: Driver, write_graphs) -> Iterator[TestClient]:
    """A client over an app that returns at most 5 objects in one result, over the small world."""
    from app.main import create_app

    with TestClient(create_app(settings.model_copy(update={"max_result_objects": 5}))) as client:
        write_graphs(world())
        yield client


def test_a_result_with_more_objects_than_the_cap_is_one_error_and_no_data(capped: TestClient):
    # 6 countries, each an edge and a node: 13 objects, more than the estimate can see coming here.
    body = post(capped, "{ entities(kinds: [COUNTRY]) { edges { node { name } } } }").json()
    assert body == {
        "data": None,
        "errors": [{
            "message": "the result would hold more than 5 objects (RACEGRAPH_MAX_RESULT_OBJECTS); "
            "ask for smaller `first` values or fewer levels",
            "locations": body["errors"][0]["locations"],
            "path": body["errors"][0]["path"],
            "extensions": {"code": "RESULT_TOO_LARGE"},
        }],
    }
    small = post(capped, '{ entities(kinds: [COUNTRY], first: 2) { edges { node { name } } } }').json()
    assert "errors" not in small and len(small["data"]["entities"]["edges"]) == 2


# --- request size ---------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_with_a_message(client: TestClient, settings):
    padding = "x" * settings.max_body_bytes
    response = client.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": padding}})
    assert response.status_code == 413
    assert response.json() == {
        "ok": False,
        "error": f"the request body is larger than {settings.max_body_bytes} bytes (RACEGRAPH_MAX_BODY_BYTES)",
        "status": 413,
    }


def test_a_chunked_body_is_counted_as_it_arrives(client: TestClient, settings):
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(settings.max_body_bytes // 65536 + 1):
            yield b"x" * 65536
        yield b'"}}'

    response = client.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "RACEGRAPH_MAX_BODY_BYTES" in response.json()["error"]


def test_a_query_text_over_the_length_limit_is_refused_even_when_it_is_mostly_comment(client: TestClient, settings):
    query = "{ __typename }\n#" + "x" * settings.max_query_chars
    body = post(client, query).json()
    assert body["data"] is None and body["errors"][0]["extensions"] == {"code": "QUERY_TOO_LONG"}
    assert body["errors"][0]["message"] == (
        f"QUERY_TOO_LONG: the query is {len(query)} characters long, more than the limit of "
        f"{settings.max_query_chars} (RACEGRAPH_MAX_QUERY_CHARS)."
    )


def test_only_short_query_texts_keep_their_parsed_document(client: TestClient, settings):
    from app.graphql.limits import _cached_parse

    before = _cached_parse.cache_info().misses  # each text the cache has not seen adds one
    for n in range(5):  # distinct long texts: each would be a new cache entry
        comment = f"# {n} " + "x" * settings.cache_query_chars
        assert post(client, f"{{ __typename }}\n{comment}").json() == {"data": {"__typename": "Query"}}
    assert _cached_parse.cache_info().misses == before
    assert post(client, "{ __typename } # short and new").json() == {"data": {"__typename": "Query"}}
    assert _cached_parse.cache_info().misses == before + 1


def test_a_stalled_body_is_answered_408_once_the_timeout_passes(settings: Settings, db: Driver):
    from app.main import create_app

    parts = [{"type": "http.request", "body": b'{"query": ', "more_body": True}]  # then nothing more
    sent: list[dict] = []

    async def receive() -> dict:
        if parts:
            return parts.pop()
        await asyncio.sleep(3600)
        raise AssertionError("the body was waited for past the timeout")

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "http_version": "1.1", "method": "POST", "path": "/graphql", "raw_path": b"/graphql",
        "root_path": "", "scheme": "http", "query_string": b"", "server": ("testserver", 80),
        "client": ("127.0.0.1", 1), "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
    }
    with TestClient(create_app(settings.model_copy(update={"body_timeout": 0.2}))) as client:
        client.portal.call(lambda: asyncio.wait_for(client.app(scope, receive, send), 30))
    assert sent[0]["status"] == 408
    assert orjson.loads(sent[1]["body"]) == {
        "ok": False, "error": "the request body stalled for 0.2 s (RACEGRAPH_BODY_TIMEOUT)", "status": 408
    }
