"""The embeddable graph view (`/embed/graph`) and its JSON twin (`/embed/graph.json`), and the claims
behind one of its edges (`/api/claims`)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app import urls
from app.deps import ServiceDep
from app.errors import BadRequest, NotFound
from app.exports import FORMATS
from app.graph_overlay import NodeColor, NodeSize, overlay_data
from app.routes.view_routers import html_views_router, json_views_router
from app.service import Racegraph
from app.subgraph_query import SubgraphQuery, describe, parse_query, url_params, validation_message
from app.web.json_encoding import json_response, json_script
from app.web.pages import render
from nlp.records import RelType

REL_TYPES = [t.value for t in RelType]

json_router = json_views_router()
html_router = html_views_router()


class ViewStyle(BaseModel):
    """How the graph view draws (not what it shows)."""

    model_config = ConfigDict(extra="forbid")

    layout: Literal["force", "circular"] = Field("force", description="force: ForceAtlas2, run once; circular.")
    theme: Literal["light", "dark"] = Field("light", description="Colour theme.")
    color: NodeColor = Field("kind", description="Node colours: kind, or community (Leiden, over the shown types "
                             "and window).")
    size: NodeSize = Field("links", description="Node sizes: links (edges shown), or a centrality measure over the "
                           "shown types and window: pagerank, betweenness, degree, eigenvector.")


STYLE_PARAMS = tuple(ViewStyle.model_fields)


def graph_params(request: Request) -> tuple[SubgraphQuery, ViewStyle]:
    """Return the subgraph and style a graph URL asks for; raise BadRequest naming what is wrong."""
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    query = parse_query(params, allowed=STYLE_PARAMS)
    try:
        style = ViewStyle.model_validate({k: params[k][-1] for k in STYLE_PARAMS if params.get(k)})
    except ValidationError as exc:
        raise BadRequest(validation_message(exc)) from None
    return query, style


async def graph_data(service: Racegraph, query: SubgraphQuery, style: ViewStyle) -> dict[str, Any]:
    """Return the graph view: `{query, nodes, edges, truncated, links}`, and `communities` when colouring by
    community (see `app.graph_overlay`); raise NotFound for an unknown seed."""
    graph = (await service.subgraph(query)).as_dict()
    graph.update(await overlay_data(service, query, style.color, style.size, graph["nodes"]))
    params = {**url_params(query), **style.model_dump(exclude_defaults=True)}
    return {
        "query": {**describe(query), **style.model_dump()},
        **graph,
        "links": {
            "view": urls.graph(params),
            "json": urls.graph_json(params),
            "exports": {name: urls.subgraph_export(url_params(query), name) for name in FORMATS},
            "claims": urls.EDGE_CLAIMS,
        },
    }


async def claims_data(service: Racegraph, rel_type: str, source: str, target: str) -> dict[str, Any]:
    """Return `{type, source, target, claims}`: the claims behind one aggregated edge, newest first,
    each with the URL of its sentence in the article view; raise NotFound when there are none."""
    if rel_type not in REL_TYPES:
        raise BadRequest(f"type must be one of {', '.join(REL_TYPES)}, not {rel_type!r}")
    claims = (await service.reader.claims_for_pairs([(rel_type, source, target)]))[0]
    if not claims:
        raise NotFound(f"no {rel_type} edge from {source!r} to {target!r}")
    rows = [
        {**c.as_row(), "article": {**c.article.citation(), "view": urls.article(c.article.id, c.id)}} for c in claims
    ]
    return {"type": rel_type, "source": source, "target": target, "claims": rows}


@html_router.get("/embed/graph", summary="The interactive graph of a subgraph (embeddable in an iframe).")
async def graph(request: Request, service: ServiceDep) -> HTMLResponse:
    query, style = graph_params(request)
    data = await graph_data(service, query, style)
    return render(request, "graph.html", twin=data["links"]["json"], data=data, data_json=json_script(data))


@json_router.get("/embed/graph.json", summary="The graph view's JSON twin: the same parameters, as JSON.")
async def graph_json(request: Request, service: ServiceDep) -> Response:
    query, style = graph_params(request)
    return json_response(await graph_data(service, query, style))


@json_router.get("/api/claims", summary="The claims behind one aggregated edge, with their article views.")
async def edge_claims(service: ServiceDep, type: str, source: str, target: str) -> Response:  # noqa: A002
    return json_response(await claims_data(service, type, source, target))
