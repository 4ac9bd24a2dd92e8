"""The embeddable chart of claims per period by relation type (`/embed/chart`), its JSON twin
(`/embed/chart.json`) and its table as CSV (`/embed/chart.csv`)."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from app import urls
from app.deps import ServiceDep
from app.insights.charts import ChartKind, ChartQuery, parse_chart_query, stack
from app.insights.periods import period_start
from app.routes.view_routers import html_views_router, json_views_router
from app.service import Racegraph
from app.web.json_encoding import json_response, json_script
from app.web.pages import render
from graph.tallies import day_of

json_router = json_views_router()
html_router = html_views_router()


def chart_query(request: Request) -> ChartQuery:
    """Return the chart the request's URL asks for; raise BadRequest naming what is wrong."""
    return parse_chart_query({key: request.query_params.getlist(key) for key in request.query_params})


async def chart_data(service: Racegraph, query: ChartQuery) -> dict[str, Any]:
    """Return the chart: `{query, entity, periods, series, total, links}` (entity None for activity);
    raise NotFound for an unknown entity."""
    types = query.chosen_types()
    entity = None
    if query.kind is ChartKind.TREND:
        found = await service.resolve_entity(query.entity or "")
        entity = found.summary()
        points: list[Any] = await service.insights.trend(found.id, types, query.interval, query.since, query.until)
    else:
        # The graph's activity is kept per interval; a window keeps the periods it overlaps.
        first, last = (day_of(d) if d else None for d in (query.since, query.until))
        points = [
            p for p in await service.insights.activity(types, query.interval)
            if (first is None or p.start >= period_start(first, query.interval))
            and (last is None or p.start <= last)
        ]
    params = query.url_params()
    return {
        "query": query.model_dump(mode="json"),
        "entity": entity,
        **stack(points, query.interval).as_dict(),
        "links": {"view": urls.chart(params), "json": urls.chart_json(params), "csv": urls.chart_csv(params)},
    }


def chart_csv(data: dict[str, Any]) -> str:
    """Return the chart's table as CSV: period, type, claims, one row per period and type with a claim."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "type", "claims"])
    for i, period in enumerate(data["periods"]):
        writer.writerows((period, s["type"], s["claims"][i]) for s in data["series"] if s["claims"][i])
    return out.getvalue()


@html_router.get("/embed/chart", summary="A stacked bar chart of claims per period by relation type (embeddable).")
async def chart(request: Request, service: ServiceDep) -> HTMLResponse:
    query = chart_query(request)
    data = await chart_data(service, query)
    return render(
        request, "chart.html", twin=data["links"]["json"], data=data, data_json=json_script(data), theme=query.theme
    )


@json_router.get("/embed/chart.json", summary="The chart's JSON twin: the same parameters, as JSON.")
async def chart_json(request: Request, service: ServiceDep) -> Response:
    return json_response(await chart_data(service, chart_query(request)))


@json_router.get("/embed/chart.csv", summary="The chart's table as CSV: period, type, claims.")
async def chart_table(request: Request, service: ServiceDep) -> Response:
    data = await chart_data(service, chart_query(request))
    return Response(
        chart_csv(data), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="racegraph-chart.csv"'},
    )
