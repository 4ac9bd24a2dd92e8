"""The article view (`/articles/{id}`: the text with its entities and the claims' evidence highlighted)
and its JSON twin (`/articles/{id}.json`)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from app import urls
from app.deps import ServiceDep
from app.routes.view_routers import html_views_router, json_views_router
from app.service import Racegraph
from app.web.highlight import highlight
from app.web.json_encoding import json_response
from app.web.pages import render

json_router = json_views_router()
html_router = html_views_router()


async def article_data(service: Racegraph, article_id: str) -> dict[str, Any]:
    """Return the article view: the article with its text, entities and claims (each with the anchor
    of its sentence), and links to its JSON and GraphQL twins; raise NotFound."""
    article = (await service.article(article_id)).as_row()
    claims = [{**c, "anchor": urls.claim_anchor(c["id"])} for c in article["claims"]]
    return {
        **article,
        "claims": claims,
        "links": {
            "view": urls.article(article_id), "json": urls.article_json(article_id),
            "graphql": urls.article_graphql(article_id),
        },
    }


@json_router.get("/articles/{article_id}.json", summary="The article view's JSON twin (also GraphQL `article(id)`).")
async def article_json(article_id: str, service: ServiceDep) -> Response:
    return json_response(await article_data(service, article_id))


@html_router.get("/articles/{article_id}", summary="An article with its entities highlighted and its claims.")
async def article(request: Request, article_id: str, service: ServiceDep) -> HTMLResponse:
    data = await article_data(service, article_id)
    segments = highlight(data["text"] or "", data["entities"], data["claims"])
    return render(request, "article.html", twin=data["links"]["json"], data=data, segments=segments)
