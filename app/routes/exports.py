"""`GET /api/subgraph`: the graph view's subgraph in json, graphml, gexf, csv or plover."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from app.deps import ServiceDep, require_reader
from app.exports import FORMATS, export_subgraph
from app.subgraph_query import parse_query

router = APIRouter(prefix="/api", tags=["exports"], dependencies=[Depends(require_reader)])


@router.get(
    "/subgraph",
    summary="Export a subgraph: the graph view's parameters plus format=" + "|".join(FORMATS) + " (default json).",
)
async def subgraph(request: Request, service: ServiceDep) -> Response:
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    fmt = (params.pop("format", None) or ["json"])[-1]
    # The view's drawing parameters are accepted (a view URL plus format= is an export URL) and ignored.
    query = parse_query(params, allowed=("layout", "theme"))
    export = await export_subgraph(service, query, fmt)
    disposition = "inline" if fmt == "json" else "attachment"
    return Response(
        export.body,
        media_type=export.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{export.filename}"'},
    )
