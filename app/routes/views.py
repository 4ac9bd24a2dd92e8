"""HTML views and their JSON twins: the home page, the embeddable graph, the article with its evidence.

Each view has one `<view>_data(service, ...)` function; the HTML route renders it, the twin serves it
as JSON. Pages carry a strict Content-Security-Policy (no inline script or style) whose
`frame-ancestors` comes from settings, so they can be framed by the dashboards allowed there.
`graphiql_page` is GraphiQL for /graphql, from the same bundle and with the same policy.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app import urls
from app.deps import ServiceDep, require_reader
from app.errors import AppError, BadRequest, NotFound
from app.exports import FORMATS
from app.exports.base import plain
from app.service import Racegraph
from app.settings import Settings
from app.subgraph_query import SubgraphQuery, describe, parse_query, url_params, validation_message
from nlp.records import Kind, RelType

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
RECENT_ARTICLES = 10
SEARCH_LIMIT = 20
KINDS = [k.value for k in Kind]
REL_TYPES = [t.value for t in RelType]


def _mark_html(request: Request) -> None:
    # Errors raised while serving an HTML view are shown as an error page (see `error_page`).
    request.state.html_view = True


router = APIRouter()  # what app.main includes: the two below, JSON first
json_router = APIRouter(tags=["views"], dependencies=[Depends(require_reader)])
html_router = APIRouter(
    tags=["views"], dependencies=[Depends(_mark_html), Depends(require_reader)], default_response_class=HTMLResponse
)


# --- parameters ----------------------------------------------------------------


class ViewStyle(BaseModel):
    """How the graph view draws (not what it shows)."""

    model_config = ConfigDict(extra="forbid")

    layout: Literal["force", "circular"] = Field("force", description="force: ForceAtlas2, run once; circular.")
    theme: Literal["light", "dark"] = Field("light", description="Colour theme.")


def graph_params(request: Request) -> tuple[SubgraphQuery, ViewStyle]:
    """Return the subgraph and style a graph URL asks for; raise BadRequest naming what is wrong."""
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    query = parse_query(params, allowed=("layout", "theme"))
    try:
        style = ViewStyle.model_validate({k: params[k][-1] for k in ("layout", "theme") if params.get(k)})
    except ValidationError as exc:
        raise BadRequest(validation_message(exc)) from None
    return query, style


# --- data: one function per view, shared by the page and its JSON twin -----------


async def entities_data(service: Racegraph, search: str | None, limit: int = SEARCH_LIMIT) -> dict[str, Any]:
    """Return `{search, entities}`: entities matching `search` best first (by name without one),
    each with the URL of its graph."""
    if not 1 <= limit <= service.settings.max_page_size:
        raise BadRequest(f"limit must be between 1 and {service.settings.max_page_size}")
    found = await service.reader.search_entities(search or None, limit=limit)
    entities = [
        {"id": e["id"], "name": e["name"], "kind": e["kind"], "graph": urls.entity_graph(e["id"])} for e in found
    ]
    return {"search": search or None, "entities": entities}


async def home_data(service: Racegraph, search: str | None) -> dict[str, Any]:
    """Return the home page: `{search, entities, articles}` with the latest articles and their views."""
    found = await entities_data(service, search)
    articles = await service.reader.articles(limit=RECENT_ARTICLES)
    return {
        **found,
        "articles": [{**a, "view": urls.article(a["id"])} for a in articles],
        "links": {"json": urls.home_json(search), "entities": urls.entities_json(search)},
    }


async def graph_data(service: Racegraph, query: SubgraphQuery, style: ViewStyle) -> dict[str, Any]:
    """Return the graph view: `{query, nodes, edges, truncated, links}`; raise NotFound for an
    unknown seed."""
    graph = (await service.subgraph(query)).as_dict()
    params = {**url_params(query), **style.model_dump(exclude_defaults=True)}
    return {
        "query": {**describe(query), **style.model_dump()},
        **graph,
        "links": {
            "view": urls.graph(params),
            "json": urls.graph_json(params),
            "exports": {name: urls.subgraph_export(url_params(query), name) for name in FORMATS},
            "claims": urls.EDGE_CLAIMS,
        },
    }


async def claims_data(service: Racegraph, rel_type: str, source: str, target: str) -> dict[str, Any]:
    """Return `{type, source, target, claims}`: the claims behind one aggregated edge, newest first,
    each with the URL of its sentence in the article view; raise NotFound when there are none."""
    if rel_type not in REL_TYPES:
        raise BadRequest(f"type must be one of {', '.join(REL_TYPES)}, not {rel_type!r}")
    claims = (await service.reader.claims_for_pairs([(rel_type, source, target)]))[0]
    if not claims:
        raise NotFound(f"no {rel_type} edge from {source!r} to {target!r}")
    claims = [
        {**plain(c), "article": {**c["article"], "view": urls.article(c["article"]["id"], c["id"])}} for c in claims
    ]
    return {"type": rel_type, "source": source, "target": target, "claims": claims}


async def article_data(service: Racegraph, article_id: str) -> dict[str, Any]:
    """Return the article view: the article with its text, entities and claims (each with the anchor
    of its sentence), and links to its JSON and GraphQL twins; raise NotFound."""
    article = plain(await service.article(article_id))
    claims = [{**c, "anchor": urls.claim_anchor(c["id"]) if c.get("id") else None} for c in article["claims"]]
    return {
        **article,
        "claims": claims,
        "links": {
            "view": urls.article(article_id), "json": urls.article_json(article_id),
            "graphql": urls.article_graphql(article_id),
        },
    }


# --- rendering -------------------------------------------------------------------


@dataclass
class Segment:
    """A run of article text with one state: inside an entity mention or not, inside which claims'
    evidence, and which claims' sentences start here."""

    text: str
    entity: dict[str, Any] | None
    evidence: list[str]
    anchors: list[str]


def highlight(text: str, entities: list[dict[str, Any]], claims: list[dict[str, Any]]) -> list[Segment]:
    """Return `text` cut into segments at every mention and evidence boundary. Overlapping mentions
    keep the earliest, then longest; evidence spans may overlap each other and mentions."""
    size = len(text)
    mentions = sorted(
        (
            (max(0, start), min(size, end), entity)
            for entity in entities
            for start, end in zip((entity.get("spans") or [])[0::2], (entity.get("spans") or [])[1::2], strict=False)
            if start < end
        ),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for start, end, entity in mentions:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, entity))
    evidence = [
        (max(0, c["start"]), min(size, c["end"]), c["anchor"])
        for c in claims
        if c.get("anchor") and c.get("start") is not None and c.get("end") is not None and c["start"] < c["end"]
    ]
    cuts = sorted({0, size, *(p for s, e, _ in kept for p in (s, e)), *(p for s, e, _ in evidence for p in (s, e))})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        entity = next((ent for s, e, ent in kept if s <= start and end <= e), None)
        segments.append(
            Segment(
                text=text[start:end],
                entity=entity,
                evidence=[a for s, e, a in evidence if s <= start and end <= e],
                anchors=[a for s, _, a in evidence if s == start],
            )
        )
    return segments


@cache
def templates() -> Environment:
    """Return the Jinja environment of app/templates (autoescaped)."""
    environment = Environment(
        loader=PackageLoader("app", "templates"), autoescape=select_autoescape(), trim_blocks=True, lstrip_blocks=True
    )
    environment.globals.update(urls=urls, kinds=KINDS, rel_types=REL_TYPES, formats=FORMATS)
    return environment


def content_security_policy(settings: Settings, extra: Mapping[str, Sequence[str]] | None = None) -> str:
    """Return the pages' CSP: only this origin's scripts, styles, workers and connections (plus the
    `extra` sources per directive), no inline code, and framing by this origin plus the configured
    frame ancestors."""
    directives = {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"], "connect-src": ["'self'"], "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"],
        "frame-ancestors": ["'self'", *settings.frame_ancestors],
    }
    for name, sources in (extra or {}).items():
        directives[name] = [*directives.get(name, []), *sources]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def json_response(data: Any) -> Response:
    """Return `data` as JSON, encoded by orjson (a 5,000-node subgraph encodes in milliseconds)."""
    return Response(orjson.dumps(data), media_type="application/json")


def json_script(data: Any) -> Markup:
    """Return `data` as JSON safe inside a `<script type="application/json">` element."""
    text = orjson.dumps(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render(
    request: Request,
    template: str,
    twin: str | None,
    status: int = 200,
    csp: Mapping[str, Sequence[str]] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Return a page with its CSP (plus the `csp` sources) and a `Link` header to its JSON twin."""
    settings: Settings = request.app.state.settings
    html = templates().get_template(template).render(twin=twin, **context)
    headers = {
        "Content-Security-Policy": content_security_policy(settings, csp),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if twin:
        headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return HTMLResponse(html, status_code=status, headers=headers)


def is_html_view(request: Request) -> bool:
    """True when `request` is for an HTML view, whose errors are shown as a page."""
    return bool(getattr(request.state, "html_view", False))


def error_page(request: Request, error: AppError) -> HTMLResponse:
    """Return the error page for `error` (with the view's CSP, so it can show inside a frame)."""
    return render(request, "error.html", twin=None, status=error.status, error=str(error), status_code=error.status)


HOST_PATTERN = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
"""A Host header fit for a CSP source: a name or IPv4 address, or an IPv6 one in brackets, and a port."""

GRAPHIQL_QUERY = """# racegraph over GraphQL. Ctrl-Enter runs the query, Ctrl-Space completes, and Docs lists the
# schema. Mutations need an API key: add {"X-API-Key": "rg_..."} under Headers.
{
  stats { articles entities claims relations entitiesByKind { key count } }
  relations(first: 10, orderBy: CLAIMS) {
    totalCount
    edges { node { type subject { name } object { name } claimCount articleCount lastSeen } }
  }
}
"""


def graphiql_page(request: Request) -> HTMLResponse:
    """Return GraphiQL for the GraphQL endpoint at `request`'s path: the bundle from /static only (no
    CDN), its settings as JSON, and the pages' CSP plus WebSockets to this host (subscriptions) and a
    nonce for the style elements its dialogs add (the bundle passes it on)."""
    nonce = secrets.token_urlsafe(18)
    config = {"endpoint": request.url.path, "subscriptions": True, "defaultQuery": GRAPHIQL_QUERY, "styleNonce": nonce}
    csp: dict[str, list[str]] = {"style-src": [f"'nonce-{nonce}'"]}
    host = request.url.netloc
    # The Host header is the client's: only a plain host[:port] may go into the policy (anything else
    # could add sources or directives); without it, subscriptions still have 'self' in CSP Level 3.
    if HOST_PATTERN.fullmatch(host):
        csp["connect-src"] = [f"ws://{host}", f"wss://{host}"]
    return render(request, "graphiql.html", twin=None, csp=csp, config=config, config_json=json_script(config))


def static_files() -> StaticFiles:
    """Return the app for /static (assets built from web/ by `make web`)."""
    # Font types by name, for systems without /etc/mime.types (python:3.11-slim): GraphiQL's fonts.
    mimetypes.add_type("font/woff2", ".woff2")
    mimetypes.add_type("font/woff", ".woff")
    if not (STATIC_DIR / "embed.js").is_file():
        log.warning("%s has no built assets: run `make web` (the graph view needs them)", STATIC_DIR)
    return StaticFiles(directory=STATIC_DIR, check_dir=False)


# --- routes ----------------------------------------------------------------------


@html_router.get("/", summary="Home: search an entity and open its graph; the latest articles.")
async def home(request: Request, service: ServiceDep, search: str | None = None) -> HTMLResponse:
    data = await home_data(service, search)
    return render(request, "home.html", twin=data["links"]["json"], data=data)


@json_router.get("/index.json", summary="The home page's JSON twin.")
async def home_json(service: ServiceDep, search: str | None = None) -> Response:
    return json_response(await home_data(service, search))


@json_router.get("/api/entities", summary="Entities matching a search, best first, with their graph URLs.")
async def entities(service: ServiceDep, search: str | None = None, limit: int = SEARCH_LIMIT) -> Response:
    return json_response(await entities_data(service, search, limit))


@html_router.get("/embed/graph", summary="The interactive graph of a subgraph (embeddable in an iframe).")
async def graph(request: Request, service: ServiceDep) -> HTMLResponse:
    query, style = graph_params(request)
    data = await graph_data(service, query, style)
    return render(request, "graph.html", twin=data["links"]["json"], data=data, data_json=json_script(data))


@json_router.get("/embed/graph.json", summary="The graph view's JSON twin: the same parameters, as JSON.")
async def graph_json(request: Request, service: ServiceDep) -> Response:
    query, style = graph_params(request)
    return json_response(await graph_data(service, query, style))


@json_router.get("/api/claims", summary="The claims behind one aggregated edge, with their article views.")
async def edge_claims(service: ServiceDep, type: str, source: str, target: str) -> Response:  # noqa: A002
    return json_response(await claims_data(service, type, source, target))


@json_router.get("/articles/{article_id}.json", summary="The article view's JSON twin (also GraphQL `article(id)`).")
async def article_json(article_id: str, service: ServiceDep) -> Response:
    return json_response(await article_data(service, article_id))


@html_router.get("/articles/{article_id}", summary="An article with its entities highlighted and its claims.")
async def article(request: Request, article_id: str, service: ServiceDep) -> HTMLResponse:
    data = await article_data(service, article_id)
    segments = highlight(data["text"] or "", data["entities"], data["claims"])
    return render(request, "article.html", twin=data["links"]["json"], data=data, segments=segments)


# JSON routes first: /articles/{id}.json must not be taken for an article id ending in ".json".
router.include_router(json_router)
router.include_router(html_router)
