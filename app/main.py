"""`create_app(settings)`: the FastAPI application with GraphQL and health routes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from app.body_limit import BodyLimit
from app.errors import DATABASE_DOWN, AppError, to_app_error
from app.graphql.http import graphql_routes
from app.graphql.schema import build_schema
from app.routes import exports, health, views
from app.service import Racegraph
from app.settings import Settings, get_settings
from app.sources.watch import SourceWatcher, watch_forever
from app.warmup import warm_home
from app.web.pages import error_page, is_html_view
from app.web.static import static_files
from graph.errors import DatabaseUnavailable, GraphError
from nlp.errors import NlpError

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the service (and, as configured, load the pipeline, start the source watcher and the home page's
    warm-up) before the app serves; stop them and close the driver after."""
    settings: Settings = app.state.settings
    app.state.service = service = Racegraph(settings)
    log.info("reads without an API key are %s", "open" if settings.reads_open else "closed")
    try:
        await service.ensure_schema(settings.db_timeout)  # the first query of a fresh Neo4j takes ~1 s
    except DatabaseUnavailable:
        log.warning("Neo4j is not reachable at %s yet; /ready will report it", settings.bolt_uri)
    if settings.nlp_at_start:
        # Before serving: the load holds the GIL in long stretches, which would stall every request.
        await service.load_nlp()
    # What start-up built (the pipeline, the schema, the modules) lives as long as the process: out
    # of the cyclic collector's reach, a full collection on the event loop takes ~1 ms, not ~30.
    gc.freeze()
    # On the app state: the task's result says whether the home page's caches were filled.
    app.state.home_warm_up = asyncio.create_task(warm_home(service)) if settings.warm_at_start else None
    watching = asyncio.create_task(watch_forever(SourceWatcher(service))) if settings.watch_sources else None
    yield
    for task in (app.state.home_warm_up, watching):
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    await service.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the app; the Neo4j driver opens in the lifespan and closes with it."""
    settings = settings or get_settings()

    app = FastAPI(
        title="racegraph",
        description="A knowledge graph of the geopolitical AI race.",
        lifespan=lifespan,
        # Swagger UI and ReDoc load from a CDN with no CSP; the schema stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
        telemetry=None if settings.telemetry else {"tracing": False, "metrics": False, "logs": False},
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
        if is_html_view(request):
            return error_page(request, error)
        return JSONResponse({"ok": False, "error": str(error), "status": error.status}, status_code=error.status)

    # Expected errors by class (handled inside the app); anything else through the catch-all.
    for error_class in (AppError, GraphError, NlpError, Exception):
        app.add_exception_handler(error_class, _error)

    app.include_router(health.router)
    app.include_router(views.router)
    app.include_router(exports.router)
    app.mount("/static", static_files(), name="static")
    # FastAPI runs the router's context getter as a dependency, so a generator (closing the socket's count)
    # works. POSTs, nearly every request, take the route put first, which skips FastAPI's request handling.
    post, graphql = graphql_routes(build_schema(settings))
    app.router.routes.insert(0, post)
    app.include_router(graphql, prefix="/graphql")
    return app
