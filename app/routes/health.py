"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.deps import ServiceDep
from graph.errors import DatabaseUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", summary="The process is up.")
async def health() -> dict[str, bool]:
    return {"ok": True}


@router.get("/ready", summary="Neo4j answers (503 when it does not).")
async def ready(service: ServiceDep) -> JSONResponse:
    try:
        await service.ensure_schema()
    except DatabaseUnavailable:
        return JSONResponse(
            {"ok": False, "error": "Neo4j is not reachable", "status": 503}, status_code=503
        )
    return JSONResponse({"ok": True, "neo4j": "reachable"})
