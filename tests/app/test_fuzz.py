"""Fuzzing with schemathesis in GraphQL mode: every root field of the running schema, with generated
arguments and selections, never gets a server error (a 5xx, or a masked INTERNAL_SERVER_ERROR /
UNAVAILABLE error in the body). Bounded: a few examples per field over a small seeded graph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.auth import Role
from app.errors import MASKED_MESSAGE
from app.graphql.schema import SCHEMA
from app.service import Racegraph
from app.settings import Settings
from tests.live_server import LiveServer, serve
from tests.seed import world

pytestmark = pytest.mark.integration

EXAMPLES_PER_FIELD = 50
SERVER_ERROR_CODES = frozenset({"INTERNAL_SERVER_ERROR", "UNAVAILABLE"})


@pytest.fixture(scope="module")
def fuzz_target(settings: Settings, driver, write_graphs, on_service) -> Iterator[tuple[LiveServer, str]]:
    """A live server over a small seeded graph, and an admin key so mutations get past permissions."""
    driver.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs(world())

    async def admin_key(service: Racegraph) -> str:
        return (await service.create_key("fuzz", Role.ADMIN))[1]

    key = on_service(admin_key)
    with serve(settings) as server:
        yield server, key


# The schema the server runs (`create_app` builds it with `build_schema`; `schema.graphql` is its SDL).
schema = schemathesis.graphql.from_dict(SCHEMA.introspect())


def server_errors(body: Any) -> list[dict[str, Any]]:
    """Return the errors in a GraphQL response that come from the server, not from the request."""
    errors = (body.get("errors") or []) if isinstance(body, dict) else []
    return [
        e for e in errors
        if (e.get("extensions") or {}).get("code") in SERVER_ERROR_CODES or e.get("message") == MASKED_MESSAGE
    ]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_FIELD, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_no_server_errors(case, fuzz_target: tuple[LiveServer, str]):
    server, key = fuzz_target
    response = case.call(base_url=server.graphql_url, headers={"X-API-Key": key}, timeout=30)
    assert response.status_code < 500, (case.body, response.text)
    assert server_errors(response.json()) == [], case.body
