"""/health covers the process, /ready covers Neo4j; the server survives Neo4j going away and back."""

import contextlib
import gc
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
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


def test_the_api_loads_the_nlp_pipeline_before_it_serves(settings: Settings):
    # Loaded by the first ingest instead, the pipeline holds the GIL for seconds and stalls every request.
    with TestClient(create_app(settings)) as client:
        assert client.app.state.service.nlp_loaded


def test_what_start_up_built_is_left_out_of_garbage_collection(settings: Settings):
    # A full collection walking the pipeline took ~30 ms (up to ~110 ms under load) on the event loop.
    gc.unfreeze()
    with TestClient(create_app(settings)):
        assert gc.get_freeze_count() > 100_000
    gc.unfreeze()


def test_an_api_that_never_ingests_can_start_without_the_pipeline(settings: Settings):
    with TestClient(create_app(settings.model_copy(update={"nlp_at_start": False}))) as client:
        assert not client.app.state.service.nlp_loaded
        assert client.get("/health").json() == {"ok": True}


def ready_within(client: TestClient, seconds: float) -> int:
    """The status of /ready once it is 200, or after `seconds`: the first queries of a fresh Neo4j can take
    longer than /ready waits (1 s), the more so on a loaded machine, and a probe polls."""
    deadline = time.monotonic() + seconds
    while (status := client.get("/ready").status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    return status


def test_a_stopped_neo4j_gives_503_and_a_clear_graphql_error_then_recovers(tmp_path: Path):
    port = launcher.free_port()
    instance = launcher.start(tmp_path, bolt_port=port, heap="256m", pagecache="32m")
    settings = Settings(
        environment="test", neo4j_uri=instance.uri, neo4j_password=instance.password, db_timeout=5,
        anonymous_read=True, _env_file=None,
    )
    try:
        with TestClient(create_app(settings)) as client:
            assert ready_within(client, 60) == 200
            launcher.stop(tmp_path)

            ready = client.get("/ready")
            assert (ready.status_code, ready.json()["ok"]) == (503, False)
            body = client.post("/graphql", json=ENTITIES).json()
            assert body["data"] is None
            assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAVAILABLE"]
            assert body["errors"][0]["message"] == "The database is unavailable; try again shortly."

            launcher.start(tmp_path, bolt_port=port, heap="256m", pagecache="32m")
            assert ready_within(client, 60) == 200
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


class Proxy:
    """A TCP proxy in front of the session's Neo4j that can play a hung database: `hang()` drops the
    open connections and leaves new ones accepted but unanswered; `resume()` forwards again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.hung = False
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return  # closed
            self.sockets.append(client)
            if not self.hung:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
                self.sockets.append(upstream)
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def hang(self) -> None:
        self.hung = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.sockets.clear()

    def resume(self) -> None:
        self.hung = False

    def close(self) -> None:
        self.hang()
        self.server.close()


@pytest.fixture
def proxy(neo4j_instance: launcher.Neo4jInstance) -> Iterator[Proxy]:
    proxy = Proxy(int(neo4j_instance.uri.rsplit(":", 1)[1]))
    yield proxy
    proxy.close()


def timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    """The response and how many seconds it took."""
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


def test_with_neo4j_hung_ready_answers_within_a_second_reads_fail_fast_and_both_recover(
    settings: Settings, db, proxy: Proxy
):
    # Generous bounds: each of these took db_timeout (10 s) or more before.
    via_proxy = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "breaker_seconds": 0.5})
    with TestClient(create_app(via_proxy)) as client:
        assert client.post("/graphql", json=ENTITIES).json() == {"data": {"entities": {"edges": []}}}
        proxy.hang()

        ready, seconds = timed(lambda: client.get("/ready"))
        assert (ready.status_code, ready.json()["ok"]) == (503, False)
        assert seconds < 3
        for _ in range(3):
            read, seconds = timed(lambda: client.post("/graphql", json=ENTITIES))
            assert [e["extensions"]["code"] for e in read.json()["errors"]] == ["UNAVAILABLE"]
            assert seconds < 3

        proxy.resume()
        deadline = time.monotonic() + 20
        while client.get("/ready").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.post("/graphql", json=ENTITIES).json() == {"data": {"entities": {"edges": []}}}


def test_reads_recover_by_themselves_without_a_probe_of_ready(settings: Settings, db, proxy: Proxy):
    via_proxy = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "breaker_seconds": 0.5})
    with TestClient(create_app(via_proxy)) as client:
        proxy.hang()
        assert client.get("/ready").status_code == 503
        proxy.resume()
        deadline = time.monotonic() + 20
        while "errors" in (body := client.post("/graphql", json=ENTITIES).json()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert body == {"data": {"entities": {"edges": []}}}


def test_no_page_loads_swagger_ui_or_redoc_from_a_cdn_and_the_openapi_schema_stays(client: TestClient):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "racegraph"
