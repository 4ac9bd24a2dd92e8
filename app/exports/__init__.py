"""Subgraph exports: a registry `{format: writer}` in which JSON is just another entry, and the one
function the HTTP route and `racegraph export` both call."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from app.errors import BadRequest
from app.exports.base import ExportData, Writer, edge_key
from app.exports.csv import write_csv
from app.exports.gexf import write_gexf
from app.exports.graphml import write_graphml
from app.exports.json import write_json
from app.exports.plover import write_plover
from app.service import SubgraphQuery

if TYPE_CHECKING:
    from app.service import Racegraph

# The subgraph parameters as URLs (and `racegraph export`) spell them -> SubgraphQuery fields.
QUERY_PARAMS = {
    "seed": "seeds", "depth": "depth", "types": "types", "since": "since", "until": "until",
    "minClaims": "min_claims", "maxNodes": "max_nodes",
}
_URL_NAMES = {field: name for name, field in QUERY_PARAMS.items()}


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


def validation_message(exc: ValidationError, names: Mapping[str, str] | None = None) -> str:
    """Return one line naming each bad parameter (by its URL name) and what was wrong with it."""
    names = {**_URL_NAMES, **(names or {})}
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = names.get(field, field)
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown parameter"
        elif error["type"] == "string_pattern_mismatch" and field in ("since", "until"):
            message = f"{error['input']!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        problems.append(f"{name}: {message}" if name else message)
    return "; ".join(problems)


def parse_query(params: Mapping[str, Sequence[str]], allowed: Sequence[str] = ()) -> SubgraphQuery:
    """Return the SubgraphQuery of URL-style parameters (every value a list of strings; `types` may
    also be comma-separated); raise BadRequest with a message naming each bad parameter. Parameters in
    `allowed` are accepted and left to the caller."""
    unknown = sorted(set(params) - set(QUERY_PARAMS) - set(allowed))
    if unknown:
        known = ", ".join([*QUERY_PARAMS, *allowed])
        raise BadRequest(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; known: {known}")
    seeds = [s.strip() for s in params.get("seed", []) if s.strip()]
    if not seeds:
        raise BadRequest("seed is required: an entity id or name (repeat seed= for several)")
    values: dict[str, Any] = {"seeds": seeds}
    for name in ("depth", "since", "until", "minClaims", "maxNodes"):
        given = [v.strip() for v in params.get(name, []) if v.strip()]
        if given:
            values[QUERY_PARAMS[name]] = given[-1]
    types = [t.strip().upper() for v in params.get("types", []) for t in v.split(",") if t.strip()]
    if types:
        values["types"] = types
    try:
        query = SubgraphQuery.model_validate(values)
    except ValidationError as exc:
        raise BadRequest(validation_message(exc)) from None
    if query.since and query.until and query.since[: len(query.until)] > query.until:
        raise BadRequest(f"since ({query.since}) is after until ({query.until})")
    return query


def url_params(query: SubgraphQuery) -> dict[str, str | int | list[str]]:
    """Return the URL parameters that ask for `query` again, leaving out the defaults."""
    default = SubgraphQuery(seeds=query.seeds)
    params: dict[str, str | int | list[str]] = {"seed": query.seeds}
    for name, field in QUERY_PARAMS.items():
        value = getattr(query, field)
        if name == "seed" or value == getattr(default, field) or value is None:
            continue
        params[name] = ",".join(t.value for t in value) if name == "types" else value
    return params


def describe(query: SubgraphQuery) -> dict[str, Any]:
    """Return the parameters of a subgraph as the URL spells them."""
    return {
        "seed": query.seeds, "depth": query.depth, "types": [t.value for t in query.types], "since": query.since,
        "until": query.until, "minClaims": query.min_claims, "maxNodes": query.max_nodes,
    }


def filename(query: SubgraphQuery, fmt: ExportFormat) -> str:
    """Return a file name made from the seeds, e.g. `racegraph-country-japan.graphml`."""
    stem = re.sub(r"[^a-z0-9]+", "-", "-".join(query.seeds).lower()).strip("-")[:80] or "subgraph"
    return f"racegraph-{stem}.{fmt.extension}"


async def export_subgraph(service: Racegraph, query: SubgraphQuery, fmt_name: str) -> ExportFile:
    """Return the subgraph chosen by `query` written in format `fmt_name`; raise BadRequest for an
    unknown format and NotFound for an unknown seed."""
    fmt = export_format(fmt_name)
    graph = (await service.subgraph(query)).as_dict()
    data = ExportData(query=describe(query), graph=graph)
    if fmt.needs_claims:
        keys = [edge_key(e) for e in graph["edges"]]
        claims = await service.reader.claims_for_pairs(keys)
        ids = [n["id"] for n in graph["nodes"]]
        entities = await service.reader.entities_by_id(ids)
        data = ExportData(
            query=data.query, graph=graph, claims=dict(zip(keys, claims, strict=True)),
            entities={i: e for i, e in zip(ids, entities, strict=True) if e is not None},
        )
    body = await asyncio.to_thread(fmt.write, data)  # networkx on thousands of nodes takes a while
    return ExportFile(body, fmt.media_type, filename(query, fmt))
