"""A real HTTP server over `create_app(settings)` for tests whose tools speak HTTP or WebSocket themselves
(npm audits, the graphql-ws client, schemathesis, the example scripts)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from app.http_server import server_config
from app.main import create_app
from app.settings import Settings
from graph.launcher.launcher import free_port

HOST = "127.0.0.1"


@dataclass(frozen=True)
class LiveServer:
    """Where a running test server listens."""

    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def graphql_url(self) -> str:
        return f"{self.url}/graphql"

    @property
    def graphql_ws_url(self) -> str:
        return f"ws://{HOST}:{self.port}/graphql"


@dataclass(frozen=True)
class Origin:
    """A static file server on a loopback port, serving `root` (another site, for the browser tests)."""

    url: str
    root: Path


@contextmanager
def serve(settings: Settings, timeout: float = 30.0) -> Iterator[LiveServer]:
    """Run uvicorn on a free loopback port in a thread; yield once it accepts requests, stop it after."""
    port = free_port()
    settings = settings.model_copy(update={"host": HOST, "port": port})
    config = server_config(create_app(settings), settings)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the test server on port {port} did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(port)
    finally:
        server.should_exit = True
        thread.join(timeout)
