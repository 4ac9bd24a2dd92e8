"""Subscriptions over graphql-transport-ws: a revoked key ends the stream, and one client cannot hold
unbounded subscriptions or sockets."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from app.auth import Role
from app.main import create_app
from app.settings import Settings
from nlp.records import RelType
from tests.seed import AUSTRALIA, JAPAN, story

pytestmark = pytest.mark.integration

PROTOCOL = "graphql-transport-ws"
CLAIMS = {"query": "subscription { claimAdded { type evidence } }"}


@pytest.fixture
def closed(settings: Settings, db) -> Iterator[tuple[TestClient, str, str]]:
    """A client over an app whose reads need a key, polling often and allowing 2 subscriptions and 2
    sockets; with a reader key (id, secret)."""
    limits = {
        "anonymous_read": False, "subscription_poll_seconds": 0.1,
        "max_subscriptions_per_connection": 2, "max_connections_per_key": 2,
    }
    with TestClient(create_app(settings.model_copy(update=limits))) as client:
        key_id, key = client.portal.call(client.app.state.service.create_key, "watcher", Role.READER)
        yield client, key_id, key


@contextmanager
def connect(client: TestClient, key: str) -> Iterator[WebSocketTestSession]:
    """A graphql-transport-ws session, initialised, closed at the end of the block."""
    with client.websocket_connect("/graphql", subprotocols=[PROTOCOL], headers={"X-API-Key": key}) as session:
        session.send_json({"type": "connection_init"})
        assert session.receive_json() == {"type": "connection_ack"}
        yield session


def until_pong(session: WebSocketTestSession) -> list[dict]:
    """Send a ping; return the messages received before its pong."""
    session.send_json({"type": "ping"})
    messages = []
    while (message := session.receive_json())["type"] != "pong":
        messages.append(message)
    return messages


def errors_of(message: dict) -> list[tuple[str, str]]:
    """The (message, code) of each error in a `next` or `error` message."""
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    return [(e["message"], e["extensions"]["code"]) for e in errors]


def test_a_revoked_key_ends_its_subscription(closed, write_graphs):
    client, key_id, key = closed
    with connect(client, key) as session:
        session.send_json({"id": "1", "type": "subscribe", "payload": CLAIMS})
        time.sleep(0.5)  # subscribed and polling
        client.portal.call(client.app.state.service.revoke_key, key_id)
        time.sleep(0.5)
        pact = story(1, "Japan and Australia signed a pact.", "2025-02-03",
                     [(RelType.ALLIED_WITH, JAPAN, AUSTRALIA, "2025-02-01")])
        write_graphs([pact])
        message = session.receive_json()
        assert message["id"] == "1" and errors_of(message) == [("the API key was revoked", "UNAUTHENTICATED")]


def test_one_connection_runs_at_most_the_allowed_subscriptions(closed):
    client, _, key = closed
    with connect(client, key) as session:
        for n in range(3):
            session.send_json({"id": str(n), "type": "subscribe", "payload": CLAIMS})
        time.sleep(0.5)
        refused, complete = until_pong(session)
        assert refused["id"] == "2" and errors_of(refused) == [(
            "at most 2 subscriptions at once on one connection (RACEGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION)",
            "TOO_MANY",
        )]
        assert complete == {"id": "2", "type": "complete"}


def test_one_key_opens_at_most_the_allowed_sockets_and_a_closed_one_frees_its_place(closed):
    client, _, key = closed
    with connect(client, key):
        with connect(client, key):
            with pytest.raises(WebSocketDisconnect) as refused, connect(client, key):
                pass
            assert refused.value.code == 1008
            assert refused.value.reason == (
                "at most 2 WebSockets at once per API key (RACEGRAPH_MAX_CONNECTIONS_PER_KEY)"
            )
        time.sleep(0.2)  # the closed socket's place is given back as its handler ends
        with connect(client, key) as again:
            assert until_pong(again) == []
