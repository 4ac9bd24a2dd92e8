"""GraphiQL at /graphql is our own bundle: the page loads only same-origin assets, which are served,
runs no inline script, carries the pages' CSP, and its default query is valid against the schema."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.graphql.graphiql import GRAPHIQL_QUERY

pytestmark = pytest.mark.integration

STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
HTML = {"Accept": "text/html"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class Page(HTMLParser):
    """The page's references (`src`, `href`) and scripts: `(attributes, text)` each."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.references += [value or "" for name, value in attrs if name in ("src", "href", "srcset", "action")]
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def csp_of(response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def is_same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


@pytest.fixture(scope="module")
def built() -> Path:
    if not (STATIC / "graphiql.js").is_file():
        pytest.skip("needs the built web assets: run `make web` (make test does)")
    return STATIC


def test_the_page_references_only_same_origin_assets_and_runs_no_inline_script(client: TestClient):
    response = client.get("/graphql", headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = parse(response.text)
    assert "/static/graphiql.js" in page.references and "/static/graphiql.css" in page.references
    assert [url for url in page.references if not is_same_origin(url)] == []
    assert not re.search(r"https?://|unpkg|jsdelivr", response.text)
    # Scripts either load a file or carry data (JSON), never code.
    inline = [text for attrs, text in page.scripts if not attrs.get("src") and attrs.get("type") != "application/json"]
    assert inline == []
    (config_script,) = [text for attrs, text in page.scripts if attrs.get("id") == "graphiql-config"]
    config = json.loads(config_script)
    assert config["endpoint"] == "/graphql" and config["defaultQuery"] == GRAPHIQL_QUERY


def test_the_page_has_a_strict_csp_with_websockets_and_a_fresh_style_nonce(client: TestClient):
    first, second = client.get("/graphql", headers=HTML), client.get("/graphql", headers=HTML)
    csp = csp_of(first)
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'", "ws://testserver", "wss://testserver"]
    assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)
    nonces = [json.loads(parse(r.text).scripts[-1][1])["styleNonce"] for r in (first, second)]
    assert csp["style-src"] == ["'self'", f"'nonce-{nonces[0]}'"]
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 16
    assert first.headers["x-content-type-options"] == "nosniff"


def test_the_assets_and_the_fonts_they_use_are_served(client: TestClient, built: Path):
    page = parse(client.get("/graphql", headers=HTML).text)
    assets = [url for url in page.references if url.startswith("/static/")]
    types = {".js": "javascript", ".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff"}
    fonts: list[str] = []
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert types[Path(url).suffix] in response.headers["content-type"]
        assert not re.search(r"unpkg\.com|jsdelivr\.net|googleapis\.com", response.text)
        if url.endswith(".css"):
            fonts += [urljoin(url, ref) for ref in CSS_URL.findall(response.text) if not ref.startswith("data:")]
    assert fonts and all(is_same_origin(url) and url.startswith("/static/fonts/") for url in fonts)
    for url in sorted(set(fonts)):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["content-type"] in ("font/woff2", "font/woff"), url


def test_the_default_query_runs_without_errors(client: TestClient):
    body = client.post("/graphql", json={"query": GRAPHIQL_QUERY}).json()
    assert "errors" not in body
    assert body["data"]["stats"]["articles"] == 0 and body["data"]["relations"]["totalCount"] == 0


def test_queries_over_get_and_json_clients_still_get_json(client: TestClient):
    response = client.get("/graphql", params={"query": "{ stats { articles } }"}, headers=HTML)
    assert response.json() == {"data": {"stats": {"articles": 0}}}
    assert client.get("/graphql", headers={"Accept": "application/json"}).status_code != 200


@pytest.mark.parametrize("host", ["*", "*.example", "'self'", "a.example,evil.example", "a%20evil.example"])
def test_a_host_header_that_is_not_a_plain_host_adds_nothing_to_the_policy(client: TestClient, host: str):
    # (Starlette already replaces a Host with spaces, semicolons or slashes by the server's address.)
    response = client.get("/graphql", headers={**HTML, "Host": host})
    assert csp_of(response)["connect-src"] == ["'self'"]
    assert "evil" not in response.headers["content-security-policy"]


def test_a_plain_host_and_port_or_an_ipv6_address_get_their_websockets(client: TestClient):
    for host in ("racegraph.example:8443", "[::1]:8000"):
        csp = csp_of(client.get("/graphql", headers={**HTML, "Host": host}))
        assert csp["connect-src"] == ["'self'", f"ws://{host}", f"wss://{host}"]
