"""GraphML, written by networkx: loads in Gephi, Cytoscape, yEd and back into networkx."""

from __future__ import annotations

import io

import networkx as nx

from app.exports.base import ExportData, to_networkx


def write_graphml(data: ExportData) -> bytes:
    """Return the subgraph as GraphML (typed `key`s: long counts, double confidence, boolean hedged)."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(data), buffer)
    return buffer.getvalue()
