"""Browser fixtures: the app served by uvicorn on a free port, two more local origins (one allowed to
frame the views, one not), and Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import uvicorn

from app.main import create_app
from app.settings import Settings
from graph.launcher.launcher import free_port
from tests.live_server import Origin

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = os.environ.get("RACEGRAPH_CHROMIUM", "/usr/bin/chromium")
STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists() or not (STATIC / "embed.js").is_file():
        pytest.skip(f"needs {CHROMIUM} and built web assets: run `make chromium web` (make test does)")
    return CHROMIUM


# Package scope: Playwright's sync API keeps an event loop running in the main thread while it is
# open, which would break later tests that call asyncio.run.
@pytest.fixture(scope="package")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary --user-data-dir.
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def serve_folder(root: Path) -> tuple[ThreadingHTTPServer, str]:
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origin]:
    """Another local origin, allowed to frame the views and to call the API (CORS)."""
    root = tmp_path_factory.mktemp("dashboard")
    server, url = serve_folder(root)
    yield Origin(url, root)
    server.shutdown()


@pytest.fixture(scope="session")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origin]:
    """A local origin that is not allowed to frame the views."""
    root = tmp_path_factory.mktemp("stranger")
    server, url = serve_folder(root)
    yield Origin(url, root)
    server.shutdown()


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """`create_app(settings)` served by uvicorn on a free port; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="package")
def live_url(settings: Settings, dashboard: Origin) -> Iterator[str]:
    """The app on a free port, letting `dashboard` frame its views and call it."""
    framed = settings.model_copy(update={"frame_ancestors": [dashboard.url], "cors_origins": [dashboard.url]})
    with serving(framed) as url:
        yield url


@pytest.fixture
def hasty_live_url(settings: Settings) -> Iterator[str]:
    """The app on a free port, its home page never waiting for blocs that are not computed yet."""
    with serving(settings.model_copy(update={"home_blocs_budget": 0.0})) as url:
        yield url
