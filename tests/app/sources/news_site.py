"""A real HTTP server on 127.0.0.1 for the sources tests: a small news site with feeds and pages written
for these tests, plus the faults a watcher meets (slow, truncated, wrong type, loops, huge, errors).

Every request is logged with its headers and status, so tests can assert what the watcher sent."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

HOST = "127.0.0.1"

# Subjects of the generated stories: each page's text is distinct and reads as English news.
COUNTRIES = ["Japan", "Australia", "India", "Canada", "Brazil", "Kenya", "Norway", "Chile", "Vietnam", "Poland"]
TOPICS = ["chip design", "data centres", "model safety", "semiconductor supply", "research grants"]


QUICK = {
    "fetch_timeout": 1.0, "fetch_retries": 1, "fetch_backoff": 0.01, "host_delay": 0.0, "fetch_max_bytes": 100_000,
    "contact": "https://racegraph.example/contact",
}
"""Fault settings for tests: a slow answer times out in a second, one quick retry, no delay between requests."""


@dataclass
class Route:
    """What one path answers: a body with its type, or a fault."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 when the request's If-None-Match is this
    delay: float = 0.0  # seconds before answering (a slow server)
    truncate_to: int | None = None  # send only this many bytes of a longer declared Content-Length
    gzip: bool = False  # send the body gzip-encoded
    stream: int = 0  # bytes of filler streamed without a Content-Length (a huge response)
    on_hit: Callable[[], None] | None = None  # run before answering (a fault elsewhere, mid-request)


@dataclass
class Hit:
    """One request the site received."""

    path: str
    headers: dict[str, str]
    status: int
    started: float
    ended: float = 0.0  # when the answer started to go out


class NewsSite:
    """The routes and the request log of a running site."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def hits_of(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def add_stories(self, count: int, prefix: str = "/news/") -> list[str]:
        """Serve `count` story pages; return their paths."""
        paths = []
        for n in range(count):
            path = f"{prefix}story-{n}.html"
            self.routes[path] = Route(body=story_page(n).encode())
            paths.append(path)
        return paths


def story_text(n: int) -> list[str]:
    """The paragraphs of generated story number `n`."""
    country, other = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n + 3) % len(COUNTRIES)]
    topic = TOPICS[n % len(TOPICS)]
    return [
        f"Officials from {country} and {other} met on Tuesday to discuss {topic}, in talks numbered {n} "
        "by the organisers of the regional technology forum.",
        f"The two governments said they would publish a joint plan on {topic} before the end of the year, "
        f"and that {n + 2} universities had already asked to take part in the first round.",
    ]


def story_page(n: int, *, date_in_meta: bool = True) -> str:
    """An article page with navigation and a footer around the story, as news sites have."""
    title = f"Story {n}: talks on {TOPICS[n % len(TOPICS)]}"
    meta = '<meta property="article:published_time" content="2025-06-03T09:00:00Z">' if date_in_meta else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story_text(n))
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)} - Test Wire</title>{meta}"
        "<meta name='author' content='Sam Reporter'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/tech'>Tech</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Test Wire is a site made up for racegraph's tests.</footer></body></html>"
    )


def rss_feed(site: NewsSite, links: list[str | None], titles: list[str] | None = None) -> bytes:
    """An RSS 2.0 feed with one item per link (None: an item without a link)."""
    items = []
    for i, link in enumerate(links):
        title = titles[i] if titles else f"Item {i}"
        link_tag = f"<link>{escape(link)}</link>" if link else ""
        items.append(
            f"<item><title>{escape(title)}</title>{link_tag}"
            f"<pubDate>{format_datetime(datetime(2025, 6, 3, 9, i % 60, tzinfo=UTC), usegmt=True)}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>{site.url('/')}</link><description>Stories made up for tests</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # the site keeps its own log

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.server.site
        path = self.path.split("?")[0]
        hit = Hit(path=path, headers={k.lower(): v for k, v in self.headers.items()}, status=0,
                  started=time.monotonic())
        route = site.routes.get(path, Route(body=b"not here", content_type="text/plain", status=404))
        with site.lock:  # logged before answering: a client that has its answer finds the request logged
            site.hits.append(hit)
        self._answer(route, hit)

    def _answer(self, route: Route, hit: Hit) -> None:
        if route.on_hit:
            route.on_hit()
        if route.delay:
            time.sleep(route.delay)
        if route.etag and hit.headers.get("if-none-match") == route.etag:
            hit.status = 304
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.send_header("Content-Length", "0")
            hit.ended = time.monotonic()
            self.end_headers()
            return
        hit.status = route.status
        body = gzip.compress(route.body) if route.gzip else route.body
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.gzip:
            self.send_header("Content-Encoding", "gzip")
        if route.stream:
            self.send_header("Connection", "close")
            hit.ended = time.monotonic()
            self.end_headers()
            chunk = b"<p>" + b"filler " * 1000 + b"</p>"
            sent = 0
            try:
                while sent < route.stream:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what a size cap does
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        if route.truncate_to is not None:
            self.send_header("Connection", "close")
            hit.ended = time.monotonic()
            self.end_headers()
            self.wfile.write(body[: route.truncate_to])
            self.close_connection = True
            return
        hit.ended = time.monotonic()  # set before the answer goes out, so the client never sees it unset
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: NewsSite


@contextmanager
def news_site() -> Iterator[NewsSite]:
    """Run a NewsSite on a free loopback port in a thread; stop it after."""
    server = _Server((HOST, 0), _Handler)
    server.site = NewsSite(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="news-site", daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
