"""Subgraph exports: a registry `{format: writer}` in which JSON is just another entry, and the one
function the HTTP route and `racegraph export` both call."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.errors import BadRequest
from app.exports.base import ExportData, Writer
from app.exports.csv import write_csv
from app.exports.gexf import write_gexf
from app.exports.graphml import write_graphml
from app.exports.json import write_json
from app.exports.plover import write_plover
from app.subgraph_query import SubgraphQuery, describe

if TYPE_CHECKING:
    from app.service import Racegraph


@dataclass(frozen=True)
class ExportFormat:
    """How to write one format and how to serve it."""

    write: Writer
    media_type: str
    extension: str
    description: str
    needs_claims: bool = False  # the writer reads each edge's claims and the entities' properties


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(write_json, "application/json", "json", "the parameters, nodes and edges"),
    "graphml": ExportFormat(write_graphml, "application/graphml+xml", "graphml", "GraphML (networkx)"),
    "gexf": ExportFormat(write_gexf, "application/gexf+xml", "gexf", "GEXF 1.2 for Gephi (networkx)"),
    "csv": ExportFormat(write_csv, "text/csv; charset=utf-8", "csv", "one row per edge, with both ends' names"),
    "plover": ExportFormat(
        write_plover, "application/x-ndjson", "jsonl", "one PLOVER event record per claim (JSON lines)",
        needs_claims=True,
    ),
}


@dataclass(frozen=True)
class ExportFile:
    """A written export."""

    body: bytes
    media_type: str
    filename: str


def export_format(name: str) -> ExportFormat:
    """Return the format called `name`; raise BadRequest naming the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}, not {name!r}") from None


def filename(query: SubgraphQuery, fmt: ExportFormat) -> str:
    """Return a file name made from the seeds, e.g. `racegraph-country-japan.graphml`."""
    stem = re.sub(r"[^a-z0-9]+", "-", "-".join(query.seeds).lower()).strip("-")[:80] or "subgraph"
    return f"racegraph-{stem}.{fmt.extension}"


async def export_subgraph(service: Racegraph, query: SubgraphQuery, fmt_name: str) -> ExportFile:
    """Return the subgraph chosen by `query` written in format `fmt_name`; raise BadRequest for an
    unknown format and NotFound for an unknown seed."""
    fmt = export_format(fmt_name)
    graph = await service.subgraph(query)
    data = ExportData(query=describe(query), graph=graph)
    if fmt.needs_claims:
        keys = list(graph.edges)
        claims = await service.reader.claims_for_pairs(keys)
        ids = list(graph.nodes)
        entities = await service.reader.entities_by_id(ids)
        data = ExportData(
            query=data.query, graph=graph, claims=dict(zip(keys, claims, strict=True)),
            entities={i: e for i, e in zip(ids, entities, strict=True) if e is not None},
        )
    body = await asyncio.to_thread(fmt.write, data)  # networkx on thousands of nodes takes a while
    return ExportFile(body, fmt.media_type, filename(query, fmt))
