"""The sources page (`/sources`) and its JSON twin (`/sources.json`): each source with its last poll,
status, items seen, ingested, skipped by reason and last error."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from app import urls
from app.deps import ServiceDep
from app.routes.view_routers import html_views_router, json_views_router
from app.service import Racegraph
from app.sources import registry
from app.web.json_encoding import json_response
from app.web.pages import render

json_router = json_views_router()
html_router = html_views_router()


async def sources_data(service: Racegraph) -> dict[str, Any]:
    """Return every source with its poll state, its skips as {reason: count}, and the view's links."""
    listed = []
    for source in await registry.list_sources(service):
        skipped = dict(zip(source.pop("skip_reasons"), source.pop("skip_counts"), strict=True))
        listed.append({**source, "skipped": skipped})
    return {"sources": listed, "links": {"html": urls.sources(), "json": urls.sources_json()}}


@json_router.get("/sources.json", summary="The sources view's JSON twin.")
async def sources_json(service: ServiceDep) -> Response:
    return json_response(await sources_data(service))


@html_router.get("/sources", summary="The feeds, sitemaps and pages watched: last poll, status, counts, errors.")
async def sources_page(request: Request, service: ServiceDep) -> HTMLResponse:
    data = await sources_data(service)
    return render(request, "sources.html", twin=data["links"]["json"], data=data)

