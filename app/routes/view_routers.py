"""The two routers of every view module: one for the JSON twins, one for the HTML pages (whose errors
are shown as an error page). Both need the reader role."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from app.deps import require_reader
from app.web.pages import mark_html


def json_views_router() -> APIRouter:
    """Return a router for JSON twins."""
    return APIRouter(tags=["views"], dependencies=[Depends(require_reader)])


def html_views_router() -> APIRouter:
    """Return a router for HTML views."""
    return APIRouter(
        tags=["views"], dependencies=[Depends(mark_html), Depends(require_reader)], default_response_class=HTMLResponse
    )
