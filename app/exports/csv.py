"""CSV: one row per aggregated edge, with both ends' names and kinds, for spreadsheets.

Nodes are not written separately: every node of an edge is named on its row, and a seed with no
edge in the subgraph has no row (the JSON, GraphML and GEXF exports keep it)."""

from __future__ import annotations

import csv
import io

from app.exports.base import ExportData

COLUMNS = (
    "type", "source", "source_name", "source_kind", "target", "target_name", "target_kind",
    "claims", "articles", "first_seen", "last_seen", "confidence", "hedged",
)


def write_csv(data: ExportData) -> bytes:
    """Return the edges as UTF-8 CSV with a header row (booleans as true/false, unknowns empty)."""
    nodes = data.graph.nodes
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for edge in data.graph.edges.values():
        source, target = nodes[edge.source], nodes[edge.target]
        row = {
            **edge.as_row(),
            "source_name": source.name, "source_kind": source.kind,
            "target_name": target.name, "target_kind": target.kind,
        }
        writer.writerow(_cell(row.get(column)) for column in COLUMNS)
    return buffer.getvalue().encode()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
