"""`create_app(settings)`: the FastAPI application with GraphQL and health routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import ORJSONResponse
from strawberry.fastapi import GraphQLRouter

from app.errors import AppError, to_app_error
from app.graphql.context import Context
from app.graphql.schema import SCHEMA
from app.routes import health
from app.service import Racegraph
from app.settings import Settings, get_settings
from graph.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


async def _context(request: Request) -> Context:
    return Context(service=request.app.state.service)


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

    @app.exception_handler(Exception)
    async def _any_error(request: Request, exc: Exception) -> ORJSONResponse:
        error = to_app_error(exc) or AppError("Unexpected error.")
        if error.status >= 500 and not isinstance(exc, AppError | DatabaseUnavailable):
            log.exception("unexpected error on %s", request.url.path)
        return ORJSONResponse({"ok": False, "error": str(error), "status": error.status}, status_code=error.status)

    app.include_router(health.router)
    app.include_router(GraphQLRouter(SCHEMA, context_getter=_context, graphql_ide="graphiql"), prefix="/graphql")
    return app
