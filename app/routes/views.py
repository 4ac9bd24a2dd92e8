"""Every HTML view and its JSON twin, one module each: the home page (`home_views`), the embeddable graph
(`graph_views`), the embeddable chart (`chart_views`), the article with its evidence (`article_views`), the
watched sources (`source_views`).
Each view has one `<view>_data(service, ...)` function; the HTML route renders it, the twin serves it as
JSON."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import article_views, chart_views, graph_views, home_views, source_views

VIEW_MODULES = (home_views, graph_views, chart_views, article_views, source_views)

router = APIRouter()  # what app.main includes
# JSON routes first: /articles/{id}.json must not be taken for an article id ending in ".json".
for module in VIEW_MODULES:
    router.include_router(module.json_router)
for module in VIEW_MODULES:
    router.include_router(module.html_router)
