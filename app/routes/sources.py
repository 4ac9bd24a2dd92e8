"""The sources view and its JSON twin: each source with its last poll, status, items seen, ingested,
skipped by reason and last error. A module of its own beside `views.py`, with the same rendering."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from app import urls
from app.deps import ServiceDep, require_reader
from app.routes.views import _mark_html, json_response, render
from app.service import Racegraph
from app.sources import registry

router = APIRouter()  # what app.main includes: the two below, JSON first
json_router = APIRouter(tags=["sources"], dependencies=[Depends(require_reader)])
html_router = APIRouter(
    tags=["sources"], dependencies=[Depends(_mark_html), Depends(require_reader)], default_response_class=HTMLResponse
)


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


router.include_router(json_router)
router.include_router(html_router)
