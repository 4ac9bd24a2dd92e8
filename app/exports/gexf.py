"""GEXF 1.2, written by networkx: Gephi's format. Edges also get `start`/`end` from their first and
last dates, so Gephi's timeline can play the graph (partial dates widen to the whole month or year).
The relation type is the edge's label and its `relation` attribute."""

from __future__ import annotations

import calendar
import io

import networkx as nx

from app.exports.base import ExportData, to_networkx


def widen(date: str, end: bool) -> str:
    """Return a YYYY[-MM[-DD]] date as a full day: the first of its period, or the last when `end`."""
    parts = date.split("-")
    if len(parts) == 3:
        return date
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    month = int(parts[1])
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1] if end else 1:02d}"


def write_gexf(data: ExportData) -> bytes:
    """Return the subgraph as GEXF 1.2 (dynamic edges when they have dates)."""
    graph = to_networkx(data)
    for _, _, attributes in graph.edges(data=True):
        attributes["relation"] = attributes.pop("type")  # a GEXF edge's `type` means directed/undirected
        if attributes.get("first_seen"):
            attributes["start"] = widen(attributes["first_seen"], end=False)
        if attributes.get("last_seen"):
            attributes["end"] = widen(attributes["last_seen"], end=True)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, version="1.2draft")
    return buffer.getvalue()
