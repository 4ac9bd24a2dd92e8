"""`create_app(settings)`: the FastAPI application with GraphQL and health routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson
from fastapi import FastAPI, Request
from starlette.requests import HTTPConnection
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import ORJSONResponse, Response
from strawberry.fastapi import GraphQLRouter

from app.errors import AppError, to_app_error
from app.graphql.context import Context
from app.graphql.schema import build_schema
from app.routes import exports, health, views
from app.service import Racegraph
from app.settings import Settings, get_settings
from graph.errors import DatabaseUnavailable, GraphError
from nlp.errors import NlpError

log = logging.getLogger(__name__)


API_KEY_HEADER = "x-api-key"


def api_key_of(connection: HTTPConnection) -> str | None:
    """The caller's API key: the X-API-Key header, or a Bearer token."""
    key = connection.headers.get(API_KEY_HEADER)
    auth = connection.headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or None


async def _context(connection: HTTPConnection) -> Context:
    service: Racegraph = connection.app.state.service
    return Context(service=service, actor=await service.authenticate(api_key_of(connection)))


class OrjsonGraphQLRouter(GraphQLRouter[Context, None]):
    """GraphQL over HTTP with responses encoded by orjson (large subgraphs encode several times faster)."""

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the app; the Neo4j driver opens in the lifespan and closes with it."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = service = Racegraph(settings)
        try:
            await service.ensure_schema()
        except DatabaseUnavailable:
            log.warning("Neo4j is not reachable at %s yet; /ready will report it", settings.bolt_uri)
        yield
        await service.close()

    app = FastAPI(
        title="racegraph",
        description="A knowledge graph of the geopolitical AI race.",
        lifespan=lifespan,
        default_response_class=ORJSONResponse,
    )
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )

    async def _error(request: Request, exc: Exception) -> Response:
        error = to_app_error(exc) or AppError("Unexpected error.")
        if error.status >= 500 and not isinstance(exc, AppError | DatabaseUnavailable):
            log.error("unexpected error on %s", request.url.path, exc_info=exc)
        if views.is_html_view(request):
            return views.error_page(request, error)
        return ORJSONResponse({"ok": False, "error": str(error), "status": error.status}, status_code=error.status)

    # Expected errors by class (handled inside the app); anything else through the catch-all.
    for error_class in (AppError, GraphError, NlpError, Exception):
        app.add_exception_handler(error_class, _error)

    app.include_router(health.router)
    app.include_router(views.router)
    app.include_router(exports.router)
    app.mount("/static", views.static_files(), name="static")
    app.include_router(
        OrjsonGraphQLRouter(build_schema(settings), context_getter=_context, graphql_ide="graphiql"), prefix="/graphql"
    )
    return app
