"""FastAPI dependencies, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.service import Racegraph


def get_service(request: Request) -> Racegraph:
    """Return the service the lifespan put on the app."""
    service: Racegraph = request.app.state.service
    return service


ServiceDep = Annotated[Racegraph, Depends(get_service)]
