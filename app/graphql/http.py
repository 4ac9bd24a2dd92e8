"""GraphQL over HTTP and WebSocket at /graphql: a plain ASGI route for POSTs, the router for GET and
WebSocket, and the context each request (or socket) gets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from functools import lru_cache
from typing import Any

import orjson
from fastapi import Request, WebSocket
from fastapi.responses import HTMLResponse, Response
from starlette import status
from starlette.exceptions import WebSocketException
from starlette.requests import HTTPConnection
from starlette.routing import Route
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.async_base_view import AsyncBaseHTTPView
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.schema import BaseSchema
from strawberry.types.execution import ExecutionResult
from strawberry.types.unset import UNSET

from app.deps import ActorDep, ServiceDep, api_key_of
from app.errors import TooMany
from app.graphql.context import Context
from app.graphql.graphiql import graphiql_page
from app.service import Racegraph

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


async def request_context(
    connection: HTTPConnection, service: ServiceDep, actor: ActorDep
) -> AsyncIterator[Context]:
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


@lru_cache(maxsize=64)
def prefers_graphql_response_json(accept: str | None) -> bool:
    """Whether an Accept header ranks application/graphql-response+json at least as high as
    application/json (wildcards count as application/json, the legacy type). Cached: a client sends the
    same header every time, and each request asks twice."""
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


class GraphQLOverHTTP(AsyncBaseHTTPView[Request, Response, Response, WebSocket, WebSocket, Context, None]):
    """What racegraph's GraphQL views add to Strawberry's: responses encoded by orjson (large subgraphs
    encode several times faster), and the GraphQL over HTTP spec's media type. Clients that ask for
    `application/graphql-response+json` get that media type, and requests that fail before execution
    (syntax, validation, variables) get status 400 without a `data` entry; `application/json` keeps
    status 200 for every GraphQL response."""

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        # orjson refuses invalid UTF-8, lone surrogates and nesting past 1024 levels with a JSONDecodeError,
        # which Strawberry answers 400; the json module raised UnicodeDecodeError or RecursionError (500).
        return orjson.loads(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if prefers_graphql_response_json(request.headers.get("accept")) and _is_request_error(result):
            request.state.graphql_request_error = True
            response.pop("data", None)
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


class OrjsonGraphQLRouter(GraphQLOverHTTP, GraphQLRouter[Context, None]):
    """GraphQL at /graphql as a FastAPI router: GET (queries, and GraphiQL for browsers, bundled from web/
    where Strawberry's page uses a CDN) and WebSocket subscriptions. POSTs take `GraphQLPost`."""

    websocket_adapter_class = TextWebSocketAdapter

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL from our own bundle under /static (Strawberry's page loads it from a CDN), with
        the pages' Content-Security-Policy."""
        return graphiql_page(request)


class GraphQLPost(GraphQLOverHTTP, GraphQL[Context, None]):
    """POST /graphql as a plain ASGI endpoint, ahead of the router's route: the same answers, without
    FastAPI's request handling and dependency resolution, which cost a third of a small request's CPU
    (0.86 -> 0.55 ms for `{ __typename }`). It runs inside the app's middleware and exception handlers
    like any route, and authenticates as `app.deps.get_actor` does."""

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        service: Racegraph = request.app.state.service
        return Context(service=service, actor=await service.authenticate(api_key_of(request)))


def graphql_routes(schema: BaseSchema) -> tuple[Route, OrjsonGraphQLRouter]:
    """The POST route, to go first among the app's routes, and the router for everything else at /graphql
    (include it with prefix /graphql); both over the one schema, so they share its caches."""
    router = OrjsonGraphQLRouter(schema, context_getter=request_context, graphql_ide="graphiql")  # type: ignore[arg-type]
    return Route("/graphql", GraphQLPost(schema, graphql_ide=None), methods=["POST"]), router
