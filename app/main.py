"""`create_app(settings)`: the FastAPI application with GraphQL and health routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from graphql import ExecutionResult
from starlette import status
from starlette.exceptions import WebSocketException
from starlette.requests import HTTPConnection
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.types.unset import UNSET

from app.body_limit import BodyLimit
from app.deps import ActorDep, ServiceDep
from app.errors import DATABASE_DOWN, AppError, TooMany, to_app_error
from app.graphql.context import Context
from app.graphql.schema import build_schema
from app.routes import exports, health, sources, views
from app.service import Racegraph
from app.settings import Settings, get_settings
from app.sources.watch import SourceWatcher, watch_forever
from graph.errors import DatabaseUnavailable, GraphError
from nlp.errors import NlpError

log = logging.getLogger(__name__)


async def _context(connection: HTTPConnection, service: ServiceDep, actor: ActorDep) -> AsyncIterator[Context]:
    """The request's context; a WebSocket's lasts as long as the socket, which counts against its key
    (or, without one, its address) meanwhile, and is refused with 1008 past the limit."""
    if connection.scope["type"] != "websocket":
        yield Context(service=service, actor=actor)
        return
    owner = actor.key_id or f"address {connection.client.host if connection.client else '?'}"
    try:
        service.open_socket(owner)
    except TooMany as exc:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION, reason=str(exc)) from exc
    try:
        yield Context(service=service, actor=actor)
    finally:
        service.close_socket(owner)


GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def prefers_graphql_response_json(accept: str | None) -> bool:
    """Whether an Accept header ranks application/graphql-response+json at least as high as
    application/json (wildcards count as application/json, the legacy type)."""
    ranks = {GRAPHQL_RESPONSE_JSON: 0.0, "application/json": 0.0}
    for part in (accept or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        key = "application/json" if media.lower() in ("*/*", "application/*") else media.lower()
        if key in ranks:
            ranks[key] = max(ranks[key], quality)
    return ranks[GRAPHQL_RESPONSE_JSON] > 0 and ranks[GRAPHQL_RESPONSE_JSON] >= ranks["application/json"]


def _is_request_error(result: ExecutionResult) -> bool:
    # Parse, validation and variable errors stop a request before execution: no data and no error
    # path. A field error that nulls the whole result still has a path, and keeps status 200.
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or [])


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Sends graphql-transport-ws messages as text frames: the protocol's clients (graphql-ws) parse
    text, and the base adapter would send orjson's bytes as binary frames."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class OrjsonGraphQLRouter(GraphQLRouter[Context, None]):
    """GraphQL over HTTP with responses encoded by orjson (large subgraphs encode several times faster).

    Clients that ask for `application/graphql-response+json` get that media type, and requests that
    fail before execution (syntax, validation, variables) get status 400 without a `data` entry, as
    the GraphQL over HTTP spec asks; `application/json` keeps status 200 for every GraphQL response.
    Browsers opening `/graphql` get GraphiQL bundled from web/ (Strawberry's page uses a CDN).
    """

    websocket_adapter_class = TextWebSocketAdapter  # type: ignore[assignment]

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL from our own bundle under /static (Strawberry's page loads it from a CDN), with
        the pages' Content-Security-Policy."""
        return views.graphiql_page(request)

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        # orjson refuses invalid UTF-8, lone surrogates and nesting past 1024 levels with a JSONDecodeError,
        # which Strawberry answers 400; the json module raised UnicodeDecodeError or RecursionError (500).
        return orjson.loads(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if prefers_graphql_response_json(request.headers.get("accept")) and _is_request_error(result):
            request.state.graphql_request_error = True
            response.pop("data", None)  # type: ignore[misc]
        return response

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        response = await super().run(request, context, root_value)
        if (
            isinstance(request, Request)
            and isinstance(response, Response)
            and response.media_type == "application/json"
            and prefers_graphql_response_json(request.headers.get("accept"))
        ):
            response.headers["content-type"] = GRAPHQL_RESPONSE_JSON
            if getattr(request.state, "graphql_request_error", False):
                response.status_code = 400
        return response


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the app; the Neo4j driver opens in the lifespan and closes with it."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = service = Racegraph(settings)
        log.info("reads without an API key are %s", "open" if settings.reads_open else "closed")
        try:
            await service.ensure_schema(settings.db_timeout)  # the first query of a fresh Neo4j takes ~1 s
        except DatabaseUnavailable:
            log.warning("Neo4j is not reachable at %s yet; /ready will report it", settings.bolt_uri)
        watching = asyncio.create_task(watch_forever(SourceWatcher(service))) if settings.watch_sources else None
        yield
        if watching is not None:
            watching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watching
        await service.close()

    app = FastAPI(
        title="racegraph",
        description="A knowledge graph of the geopolitical AI race.",
        lifespan=lifespan,
        # Swagger UI and ReDoc load from a CDN with no CSP; the schema stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, timeout=settings.body_timeout)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )

    async def _error(request: Request, exc: Exception) -> Response:
        error = to_app_error(exc) or AppError("Unexpected error.")
        if isinstance(exc, DATABASE_DOWN):
            request.app.state.service.database_down()
        if error.status >= 500 and not isinstance(exc, AppError | DatabaseUnavailable):
            log.error("unexpected error on %s", request.url.path, exc_info=exc)
        if views.is_html_view(request):
            return views.error_page(request, error)
        return JSONResponse({"ok": False, "error": str(error), "status": error.status}, status_code=error.status)

    # Expected errors by class (handled inside the app); anything else through the catch-all.
    for error_class in (AppError, GraphError, NlpError, Exception):
        app.add_exception_handler(error_class, _error)

    app.include_router(health.router)
    app.include_router(views.router)
    app.include_router(sources.router)
    app.include_router(exports.router)
    app.mount("/static", views.static_files(), name="static")
    app.include_router(
        OrjsonGraphQLRouter(build_schema(settings), context_getter=_context, graphql_ide="graphiql"), prefix="/graphql"
    )
    return app
