"""GraphiQL at /graphql in a real browser (Debian's Chromium), with every request to another host
refused: it renders from our own bundle, runs the default query over HTTP and a subscription over
graphql-ws, and the page's Content-Security-Policy blocks nothing it needs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import httpx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from nlp.records import RelType
from tests.seed import JAPAN, US, story

pytestmark = [pytest.mark.integration, pytest.mark.browser]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
RESULT = ".graphiql-response"
STATS = "{ stats { articles } relations { totalCount } }"
SUBSCRIPTION = "subscription { claimAdded(types: [ALLIED_WITH]) { type evidence subject { name } object { name } } }"


@dataclass
class Watched:
    """What a page did besides its work: requests to other hosts (refused), CSP reports, errors."""

    foreign: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sockets: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        foreign = self.foreign + [url for url in self.sockets if urlsplit(url).hostname not in LOCAL_HOSTS]
        assert (foreign, self.csp, self.errors) == ([], [], [])


@pytest.fixture
def watched(page) -> Iterator[Watched]:
    seen = Watched()

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname not in LOCAL_HOSTS:
            seen.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: seen.csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    # WebSockets do not pass through page.route: one to another host is recorded, and fails the test.
    page.on("websocket", lambda socket: seen.sockets.append(socket.url))
    yield seen


def open_graphiql(page, url: str) -> None:
    page.goto(url)
    page.locator(".graphiql-query-editor .CodeMirror").wait_for()
    page.locator(".graphiql-execute-button").wait_for()


def test_graphiql_runs_the_default_query_from_local_assets_only(page, live_url: str, watched: Watched, seeded):
    open_graphiql(page, live_url + "/graphql")
    assert "stats" in page.locator(".graphiql-query-editor").inner_text()
    page.locator(".graphiql-execute-button").click()
    page.locator(RESULT).get_by_text('"stats"').wait_for()
    result = page.locator(RESULT).inner_text()
    expected = httpx.post(live_url + "/graphql", json={"query": STATS}).json()["data"]
    assert f'"articles": {expected["stats"]["articles"]}' in result and '"errors"' not in result
    assert f'"totalCount": {expected["relations"]["totalCount"]}' in result
    # The schema came from introspection over HTTP: the Docs panel lists the root types.
    page.get_by_role("button", name="Show Documentation Explorer").click()
    page.locator(".graphiql-doc-explorer").get_by_text("Query", exact=True).first.wait_for()
    watched.assert_clean()
    assert watched.sockets == []  # no subscription, no socket


def test_graphiql_receives_a_subscription_over_graphql_ws(page, live_url: str, write_graphs, watched: Watched, db):
    open_graphiql(page, f"{live_url}/graphql?q={quote(SUBSCRIPTION)}")
    assert "claimAdded" in page.locator(".graphiql-query-editor").inner_text()
    page.locator(".graphiql-execute-button").click()
    number = 0
    deadline = time.monotonic() + 60
    # The server watches from the moment it has the subscription: keep landing alliances until one shows.
    while '"claimAdded"' not in page.locator(RESULT).inner_text():
        assert time.monotonic() < deadline, "no claimAdded event reached GraphiQL"
        number += 1
        sentence = f"The United States and Japan renewed their alliance, report {number}."
        facts = [(RelType.ALLIED_WITH, US, JAPAN, "2025-06-01")]
        write_graphs([story(number, sentence, "2025-06-02", facts)])  # in a thread of its own, as Playwright needs
        with suppress(PlaywrightTimeout):  # not yet watched: land another
            page.locator(RESULT).get_by_text('"claimAdded"').wait_for(timeout=1000)
    assert "renewed their alliance" in page.locator(RESULT).inner_text()
    assert [urlsplit(url).path for url in watched.sockets] == ["/graphql"]
    watched.assert_clean()


def test_graphiql_dialogs_open_under_the_csp(page, live_url: str, watched: Watched, db):
    open_graphiql(page, live_url + "/graphql")
    page.get_by_role("button", name="Open settings dialog").click()
    page.get_by_role("dialog").wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Open short keys dialog").click()
    page.get_by_role("dialog").wait_for()
    watched.assert_clean()
