"""The home page (`/`), a dashboard of the whole graph under the search box, and its JSON twin
(`/index.json`), and what the page calls: the entity search (`/api/entities`) and the blocs (`/api/blocs`)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from app import urls
from app.dashboard import BLOCS_RECIPE, NEWEST_CLAIMS, TOP_MOVERS, blocs_data, dashboard_data, home_blocs
from app.deps import ServiceDep
from app.errors import BadRequest
from app.insights.charts import ChartQuery
from app.routes.chart_views import chart_data
from app.routes.view_routers import html_views_router, json_views_router
from app.service import Racegraph
from app.web.json_encoding import json_response, json_script
from app.web.pages import render

RECENT_ARTICLES = 10
SEARCH_LIMIT = 20
HOME_PAGE = "home_page"
"""The name of the home page (without a search) among the insights snapshots (`graph.snapshots`)."""
HOME_RECIPE = (
    f"{SEARCH_LIMIT} entities, {RECENT_ARTICLES} articles, {NEWEST_CLAIMS} claims, {TOP_MOVERS} movers; blocs: "
    f"{BLOCS_RECIPE}"
)
"""What the stored page holds: a page a server laid out otherwise is not shown."""

json_router = json_views_router()
html_router = html_views_router()


async def entities_data(service: Racegraph, search: str | None, limit: int = SEARCH_LIMIT) -> dict[str, Any]:
    """Return `{search, entities}`: entities matching `search` best first (by name without one),
    each with the URL of its graph."""
    if not 1 <= limit <= service.settings.max_page_size:
        raise BadRequest(f"limit must be between 1 and {service.settings.max_page_size}")
    if search:
        found = await service.reader.search_entities(search, limit=limit)
    else:
        found = await service.insights.first_entities(limit)
    entities = [
        {**e.summary(), "graph": urls.entity_graph(e.id)} for e in found
    ]
    return {"search": search or None, "entities": entities}


async def home_data(service: Racegraph, search: str | None) -> dict[str, Any]:
    """Return the home page: `{search, entities, articles, counts, activity, newest_claims, movers, blocs}`:
    the search, the latest articles and their views, and the dashboard (`app.dashboard`) with the chart of
    the graph's claims per month by type. Without a search, the page stored for the current graph version
    (`home_page`) when there is one."""
    if not search and (stored := await service.insights.snapshot(HOME_PAGE, HOME_RECIPE)) is not None:
        return stored
    return await computed_home_data(service, search)


async def computed_home_data(service: Racegraph, search: str | None) -> dict[str, Any]:
    """Return `home_data`'s answer from the graph's reads (kept per graph version in the insights cache)."""
    found = await entities_data(service, search)
    articles = await service.insights.latest_articles(RECENT_ARTICLES)
    return {
        **found,
        "articles": [{**a.as_row(), "view": urls.article(a.id)} for a in articles],
        **await dashboard_data(service),
        "activity": await chart_data(service, ChartQuery()),
        "links": {"json": urls.home_json(search), "entities": urls.entities_json(search)},
    }


async def home_page(service: Racegraph) -> dict[str, Any]:
    """Return the home page without a search, its blocs ready, computed once per graph version and stored with
    it in Neo4j, where the next server to start over the same graph finds it (`home_data`): its visitors at
    start then wait for none of the page's reads (movers, newest claims, the chart: about a second together on
    the 100k-entity bench graph)."""

    async def compute() -> dict[str, Any]:
        await home_blocs(service)  # the page stored holds its blocs
        return await computed_home_data(service, None)

    return await service.insights.snapshotted(HOME_PAGE, HOME_RECIPE, compute)


@html_router.get("/", summary="Home: search an entity; the graph at a glance (counts, claims per month, newest "
                 "claims, movers, blocs); the latest articles.")
async def home(request: Request, service: ServiceDep, search: str | None = None) -> HTMLResponse:
    data = await home_data(service, search)
    return render(
        request, "home.html", twin=data["links"]["json"], data=data, chart_json=json_script(data["activity"]),
        blocs_json=json_script(data["blocs"]),
    )


@json_router.get("/index.json", summary="The home page's JSON twin.")
async def home_json(service: ServiceDep, search: str | None = None) -> Response:
    return json_response(await home_data(service, search))


@json_router.get("/api/entities", summary="Entities matching a search, best first, with their graph URLs.")
async def entities(service: ServiceDep, search: str | None = None, limit: int = SEARCH_LIMIT) -> Response:
    return json_response(await entities_data(service, search, limit))


@json_router.get("/api/blocs", summary="The home page's main blocs (`blocs` of /index.json): `ready: false` while "
                 "they are still being computed past the home page's budget (ask again).")
async def blocs(service: ServiceDep) -> Response:
    return json_response(await blocs_data(service))
