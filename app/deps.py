"""FastAPI dependencies, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from app.auth import Actor, Role
from app.service import Racegraph

API_KEY_HEADER = "x-api-key"


async def get_service(connection: HTTPConnection) -> Racegraph:
    """Return the service the lifespan put on the app (async: FastAPI runs plain functions in a thread)."""
    service: Racegraph = connection.app.state.service
    return service


ServiceDep = Annotated[Racegraph, Depends(get_service)]


def api_key_of(connection: HTTPConnection) -> str | None:
    """The caller's API key: the X-API-Key header, or a Bearer token."""
    key = connection.headers.get(API_KEY_HEADER)
    auth = connection.headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or None


async def get_actor(connection: HTTPConnection, service: ServiceDep) -> Actor:
    """Return who is calling; raise Unauthenticated for an invalid key."""
    return await service.authenticate(api_key_of(connection))


ActorDep = Annotated[Actor, Depends(get_actor)]


async def require_reader(actor: ActorDep, service: ServiceDep) -> None:
    """Return when the caller may read (the rule GraphQL's reader permission applies); raise
    Unauthenticated or Forbidden otherwise. Pages opened in a browser carry no key: they are readable
    when anonymous reads are, and `<racegraph-view api-key>` sends one."""
    await service.require(actor, Role.READER)
