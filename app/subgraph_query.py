"""`SubgraphQuery`, what a subgraph view, export or query asks for, and how URLs (and `racegraph export`)
spell it: parsed from their parameters, written back into them, described as they name it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import BadRequest
from nlp.records import RelType

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_COUNT = 2**31 - 1
"""The largest count a parameter may ask for: Neo4j's integers are 64-bit, and no edge has more claims."""


class SubgraphQuery(BaseModel):
    """What a subgraph view, export or query asks for: the same parameters everywhere."""

    model_config = ConfigDict(extra="forbid")

    seeds: list[str] = Field(min_length=1, max_length=50, description="Entity ids or canonical names to start from.")
    depth: int = Field(2, ge=1, le=3, description="Hops from the seeds.")
    types: list[RelType] = Field(default_factory=lambda: list(RelType), description="Relation types to follow.")
    since: str | None = Field(None, pattern=DATE_PATTERN, description="Keep edges seen on or after this date.")
    until: str | None = Field(None, pattern=DATE_PATTERN, description="Keep edges seen on or before this date.")
    min_claims: int = Field(1, ge=1, le=MAX_COUNT, description="Keep edges with at least this many claims.")
    max_nodes: int = Field(2000, ge=1, le=10_000, description="Stop adding nodes past this many.")
    per_node: int = Field(200, ge=1, le=5_000, description="Follow at most this many edges of each node.")
    share_room: bool = Field(
        False, description="Beyond the first hop, each node follows at most an equal share of the room left."
    )


# The subgraph parameters as URLs (and `racegraph export`) spell them -> SubgraphQuery fields.
QUERY_PARAMS = {
    "seed": "seeds", "depth": "depth", "types": "types", "since": "since", "until": "until",
    "minClaims": "min_claims", "maxNodes": "max_nodes",
}
_URL_NAMES = {field: name for name, field in QUERY_PARAMS.items()}


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
