"""Our GraphQL endpoint as tools we did not write see it: the graphql-http audit suite (GraphQL over
HTTP spec) and the reference graphql-ws client receiving `claimAdded` over graphql-transport-ws."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import Settings
from nlp.records import RelType
from tests.live_server import LiveServer, serve
from tests.seed import CHINA, JAPAN, US, story

pytestmark = pytest.mark.integration

JS = Path(__file__).resolve().parents[1] / "js"
NODE_TIMEOUT = 120.0


@pytest.fixture(scope="module")
def node_packages() -> Path:
    """tests/js with its pinned npm packages installed (`make test` runs `npm ci` first)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the GraphQL over HTTP audit and the graphql-ws client")
    if not (JS / "node_modules" / "graphql-http").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=600)
    return JS


@pytest.fixture(scope="module")
def live(settings: Settings) -> Iterator[LiveServer]:
    """The app on a real loopback port, polling for new claims every 0.1 s."""
    with serve(settings.model_copy(update={"subscription_poll_seconds": 0.1})) as server:
        yield server


def test_every_must_audit_of_graphql_http_passes(node_packages: Path, live: LiveServer, db, record_property):
    run = subprocess.run(
        ["node", "http_audit.mjs", live.graphql_url], cwd=node_packages, capture_output=True, text=True,
        timeout=NODE_TIMEOUT, check=True,
    )
    results = json.loads(run.stdout)["results"]
    failed = {r["name"]: r["reason"] for r in results if r["status"] != "ok"}
    must = {name: reason for name, reason in failed.items() if name.startswith("MUST")}
    advised = {name: reason for name, reason in failed.items() if not name.startswith("MUST")}
    record_property("graphql_http_audits", {"total": len(results), "failed": failed})
    for name, reason in advised.items():
        warnings.warn(f"graphql-http audit not met: {name}: {reason}", stacklevel=1)
    assert sum(r["name"].startswith("MUST") for r in results) >= 10  # the suite ran (13 MUST in 1.23.1)
    assert must == {}


def test_the_graphql_ws_client_receives_each_claim_added(node_packages: Path, live: LiveServer, write_graphs, db):
    subscriber = subprocess.Popen(
        ["node", "subscribe.mjs", live.graphql_ws_url, "2", "60"], cwd=node_packages,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert subscriber.stdout is not None
        assert json.loads(subscriber.stdout.readline()) == {"ready": True}
        assert json.loads(subscriber.stdout.readline()) == {"connected": True}
        # The server starts watching only once it has the subscription, a moment after the handshake:
        # keep landing articles (a restriction the subscription filters out, then an alliance) until
        # the client has its two events.
        number = 0
        deadline = time.monotonic() + 60
        while subscriber.poll() is None and time.monotonic() < deadline:
            number += 1
            write_graphs([
                story(number, f"The United States restricted chips to China, report {number}.", "2025-06-01",
                      [(RelType.RESTRICTED, US, CHINA, "2025-05-30")]),
                story(100 + number, f"The United States and Japan renewed their alliance, report {number}.",
                      "2025-06-02", [(RelType.ALLIED_WITH, US, JAPAN, "2025-06-01")]),
            ])
            time.sleep(0.5)
        out, err = subscriber.communicate(timeout=NODE_TIMEOUT)
    finally:
        if subscriber.poll() is None:
            subscriber.kill()
    events = [json.loads(line) for line in out.splitlines()]
    assert subscriber.returncode == 0, (events, err)
    assert events[-1] == {"done": True}
    claims = [e["data"]["claimAdded"] for e in events[:-1]]
    assert len(claims) == 2
    for claim in claims:
        assert claim["type"] == "ALLIED_WITH"
        assert {claim["subject"]["name"], claim["object"]["name"]} == {"United States", "Japan"}
        assert claim["evidence"].startswith("The United States and Japan renewed their alliance, report ")
        assert claim["article"]["title"] == claim["evidence"].rstrip(".")
