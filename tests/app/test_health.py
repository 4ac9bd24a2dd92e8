"""/health covers the process, /ready covers Neo4j; the server survives Neo4j going away and back."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.launcher import launcher

pytestmark = pytest.mark.integration

ENTITIES = {"query": "{ entities(first: 5) { edges { node { id name } } } }"}


def test_health_and_ready_answer_when_neo4j_is_up(client: TestClient):
    assert client.get("/health").json() == {"ok": True}
    response = client.get("/ready")
    assert (response.status_code, response.json()) == (200, {"ok": True, "neo4j": "reachable"})


def test_a_stopped_neo4j_gives_503_and_a_clear_graphql_error_then_recovers(tmp_path: Path):
    port = launcher.free_port()
    launcher.start(tmp_path, bolt_port=port, heap="256m", pagecache="32m")
    settings = Settings(environment="test", neo4j_uri=f"bolt://127.0.0.1:{port}", db_timeout=5, _env_file=None)
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/ready").status_code == 200
            launcher.stop(tmp_path)

            ready = client.get("/ready")
            assert (ready.status_code, ready.json()["ok"]) == (503, False)
            body = client.post("/graphql", json=ENTITIES).json()
            assert body["data"] is None
            assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAVAILABLE"]
            assert "Neo4j" not in body["errors"][0]["message"] or "unavailable" in body["errors"][0]["message"]

            launcher.start(tmp_path, bolt_port=port, heap="256m", pagecache="32m")
            assert client.get("/ready").status_code == 200
            assert client.post("/graphql", json=ENTITIES).json() == {"data": {"entities": {"edges": []}}}
    finally:
        launcher.stop(tmp_path)


def test_cors_allows_only_the_configured_origins(settings: Settings, db):
    allowed = settings.model_copy(update={"cors_origins": ["https://dash.example"]})
    with TestClient(create_app(allowed)) as client:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        ok = client.options("/graphql", headers={"Origin": "https://dash.example", **preflight})
        refused = client.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
    assert ok.headers["access-control-allow-origin"] == "https://dash.example"
    assert "access-control-allow-origin" not in refused.headers


def test_graphiql_is_served_to_browsers(client: TestClient):
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
