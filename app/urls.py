"""Every URL the app builds: views, their JSON twins, exports and static assets, in one place."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

QueryValue = str | int | Sequence[str] | None
Query = Mapping[str, QueryValue]

STATIC = "/static"
EDGE_CLAIMS = "/api/claims"
GRAPHQL = "/graphql"

ARTICLE_QUERY = """query Article($id: ID!) {
  article(id: $id) {
    id title url source published text mentions
    claims { id type evidence start end date hedged confidence subject { id name kind } object { id name kind } }
  }
}"""

def _with_query(path: str, query: Query | None = None) -> str:
    """Return `path` with the non-empty values of `query` (lists repeat the key), in the given order."""
    pairs: list[tuple[str, str]] = []
    for key, value in (query or {}).items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs.extend((key, str(v)) for v in value)
    return f"{path}?{urlencode(pairs)}" if pairs else path


def home(search: str | None = None) -> str:
    """The home page, optionally with a search."""
    return _with_query("/", {"search": search})


def home_json(search: str | None = None) -> str:
    """The home page's JSON twin."""
    return _with_query("/index.json", {"search": search})


def entities_json(search: str | None = None, limit: int | None = None) -> str:
    """Entity search as JSON (what the home page's search box calls)."""
    return _with_query("/api/entities", {"search": search, "limit": limit})


def blocs_json() -> str:
    """The home page's main blocs as JSON (what the page asks for when they were not ready in time)."""
    return "/api/blocs"


def sources() -> str:
    """The sources view: what `racegraph watch` polls, with each source's state."""
    return "/sources"


def sources_json() -> str:
    """The sources view's JSON twin."""
    return "/sources.json"


def graph(query: Query) -> str:
    """The interactive graph view for these subgraph parameters."""
    return _with_query("/embed/graph", query)


def graph_json(query: Query) -> str:
    """The graph view's JSON twin."""
    return _with_query("/embed/graph.json", query)


def chart(query: Query) -> str:
    """The embeddable chart of claims per period by type for these chart parameters."""
    return _with_query("/embed/chart", query)


def chart_json(query: Query) -> str:
    """The chart's JSON twin."""
    return _with_query("/embed/chart.json", query)


def chart_csv(query: Query) -> str:
    """The chart's table as CSV."""
    return _with_query("/embed/chart.csv", query)


def entity_graph(entity_id: str) -> str:
    """The graph view around one entity."""
    return graph({"seed": [entity_id]})


def subgraph_export(query: Query, fmt: str) -> str:
    """The subgraph export in format `fmt`."""
    return _with_query("/api/subgraph", {**query, "format": fmt})


def article(article_id: str, claim_id: str | None = None) -> str:
    """The article view, optionally at one claim's sentence."""
    path = f"/articles/{quote(article_id, safe='')}"
    return f"{path}#{claim_anchor(claim_id)}" if claim_id else path


def article_json(article_id: str) -> str:
    """The article view's JSON twin."""
    return f"/articles/{quote(article_id, safe='')}.json"


def article_graphql(article_id: str) -> str:
    """GraphiQL with the `article(id)` query of this article filled in (`q`: `query` would run it and
    answer JSON)."""
    return _with_query(GRAPHQL, {"q": ARTICLE_QUERY, "variables": json.dumps({"id": article_id})})


def claim_anchor(claim_id: str) -> str:
    """The fragment id of a claim's sentence in the article view."""
    return f"claim-{claim_id}"


def static(path: str) -> str:
    """A built asset under /static."""
    return f"{STATIC}/{path}"
