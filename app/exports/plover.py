"""PLOVER: one JSON line per claim in the Political Language Ontology for Verifiable Event Records.

The relation-type mapping (PLOVER event type, mode, context, CAMEO root code, quad code, scale) lives
in `plover.json` beside this file, with the reason for each choice. Standard PLOVER fields are used
where one fits (`id`, `has_event`, `date`, `source`, `recipient`, `event`, `mode`, `context`,
`quad_code`, `event_scale`, `event_text`, `text_info`, `cite_info`, `coder`); the rest are
extensions the manual allows: `cameo`, `relation`, `hedged`, `confidence`, `date_precision`, `edge`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import orjson
import pycountry

from app.exports.base import ExportData
from graph.records import ClaimRecord, EdgeRecord, EntityRecord, Row

CODER = "racegraph"


@cache
def mapping() -> dict[str, Any]:
    """Return the relation-type mapping of `plover.json`."""
    mapping_file = files("app.exports").joinpath("plover.json")
    loaded: dict[str, Any] = json.loads(mapping_file.read_text(encoding="utf-8"))
    return loaded


def country_code(entity: EntityRecord) -> str | None:
    """Return a country's ISO alpha-3 code: the stored one, else pycountry's, else None."""
    if entity.properties.get("iso_alpha3"):
        return str(entity.properties["iso_alpha3"])
    try:
        return str(pycountry.countries.lookup(entity.name).alpha_3)
    except LookupError:
        return None


def actor(entity: EntityRecord) -> Row:
    """Return a PLOVER actor object for an entity."""
    code = country_code(entity) if entity.kind == "Country" else "IGO" if entity.kind == "Alliance" else None
    found: Row = {"code": code} if code else {}
    return {
        **found, "actor_text": entity.name, "identifier_id": entity.id, "identifier_text": entity.name,
        "kind": entity.kind,
    }


def event(claim: ClaimRecord, edge: EdgeRecord, subject: EntityRecord, obj: EntityRecord) -> Row:
    """Return the PLOVER record of one claim of `edge` (subject and object with stored properties)."""
    rule = mapping()["types"][edge.type]
    actors = [actor(subject), actor(obj)]
    article = claim.article
    date = claim.date or article.published
    return {
        "id": claim.id,
        "has_event": rule["event"] is not None,
        "date": date,
        "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date or ""), None),
        "source": actors if rule["reciprocal"] else actors[:1],
        "recipient": [] if rule["reciprocal"] else actors[1:],
        "event": [rule["event"]] if rule["event"] else [],
        "mode": rule["mode"],
        "context": rule["context"],
        "quad_code": rule["quad_code"],
        "event_scale": rule["event_scale"],
        "cameo": rule["cameo"],
        "relation": edge.type,
        "hedged": claim.hedged,
        "confidence": claim.confidence,
        "event_text": [claim.evidence] if claim.evidence else [],
        "text_info": {"start": claim.start, "end": claim.end},
        "cite_info": {
            "citation": article.id, "url": article.url, "title": article.title,
            "publication": article.source, "coder": CODER, "codebook": mapping()["codebook"],
        },
        "coder": CODER,
        "edge": {"type": edge.type, "source": edge.source, "target": edge.target},
    }


def write_plover(data: ExportData) -> bytes:
    """Return one PLOVER JSON line per claim of every edge, edges in subgraph order."""
    # A node whose entity went missing since the subgraph was read still has its id, name and kind.
    nodes = {i: data.entities.get(i) or node for i, node in data.graph.nodes.items()}
    lines = [
        orjson.dumps(event(claim, edge, nodes[edge.source], nodes[edge.target]))
        for edge in data.graph.edges.values()
        for claim in data.claims.get(edge.key, [])
    ]
    return b"".join(line + b"\n" for line in lines)
