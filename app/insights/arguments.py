"""The arguments of insight questions, checked once for GraphQL and the CLI alike."""

from __future__ import annotations

from collections.abc import Iterable

from app.errors import BadRequest
from app.service import Racegraph
from graph.insights import ProjectionFilter
from nlp.records import RelType

MAX_RESOLUTION = 10.0
"""Highest Leiden resolution accepted: beyond it nearly every entity is a community of its own."""
MAX_MIN_CLAIMS = 10_000


def check_resolution(value: float) -> float:
    """Return a Leiden resolution; raise BadRequest outside (0, MAX_RESOLUTION]."""
    if not 0 < value <= MAX_RESOLUTION:
        raise BadRequest(f"resolution must be more than 0 and at most {MAX_RESOLUTION:g}")
    return value


def check_window(service: Racegraph, since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Return (since, until) when both are dates (or None) in order; raise BadRequest otherwise."""
    since, until = service.check_date(since), service.check_date(until)
    if since is not None and until is not None and since > until:
        raise BadRequest(f"since ({since}) is after until ({until})")
    return since, until


def projection_filter(
    service: Racegraph,
    types: Iterable[str],
    since: str | None = None,
    until: str | None = None,
    kinds: Iterable[str] | None = None,
    min_claims: int = 1,
) -> ProjectionFilter:
    """Return the projection these arguments choose; raise BadRequest for a bad window or minClaims."""
    if not 1 <= min_claims <= MAX_MIN_CLAIMS:
        raise BadRequest(f"minClaims must be between 1 and {MAX_MIN_CLAIMS}")
    since, until = check_window(service, since, until)
    chosen = frozenset(kinds) if kinds else None
    return ProjectionFilter(frozenset(RelType(t) for t in types), since, until, chosen, min_claims)
