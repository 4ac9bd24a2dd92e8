"""JSON: the parameters and the subgraph, as the graph view's twin shows them (just another format)."""

from __future__ import annotations

import orjson

from app.exports.base import ExportData


def write_json(data: ExportData) -> bytes:
    """Return `{"query", "nodes", "edges", "truncated"}` as JSON."""
    return orjson.dumps({"query": data.query, **data.graph.as_dict()})
