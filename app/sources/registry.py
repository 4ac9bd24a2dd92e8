"""Adding, listing and removing sources: the one code path of the CLI (and later the API)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from app.errors import BadRequest, NotFound
from app.service import Racegraph
from app.sources.language import SUPPORTED_LANGUAGES
from app.sources.reasons import Skipped
from app.sources.urls import canonical_url
from graph import sources
from graph.sources import SourceExists

EVERY_PATTERN = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
MIN_EVERY_SECONDS = 60
MAX_EVERY_SECONDS = 30 * 86_400
SOURCE_ID_LENGTH = 16


def parse_every(text: str) -> int:
    """Return a poll interval like 90s, 15m, 2h or 1d in seconds; raise BadRequest outside 1 minute to 30 days."""
    match = EVERY_PATTERN.match(text.lower())
    if not match:
        raise BadRequest(f"{text!r} is not an interval like 90s, 15m, 2h or 1d")
    seconds = int(match[1]) * UNIT_SECONDS[match[2]]
    if not MIN_EVERY_SECONDS <= seconds <= MAX_EVERY_SECONDS:
        raise BadRequest(f"{text!r}: a source is polled at most every minute and at least every 30 days")
    return seconds


def source_id(url: str) -> str:
    """Return the id of the source at a canonical URL: a prefix of the URL's sha256."""
    return hashlib.sha256(url.encode()).hexdigest()[:SOURCE_ID_LENGTH]


async def add_source(
    service: Racegraph, url: str, *, name: str | None = None, every: str = "15m", language: str = "en"
) -> dict[str, Any]:
    """Store a feed, sitemap or page URL as a source, due at once; return it. Raise BadRequest for a URL that
    is not http(s), a bad interval, a language the pipeline cannot read, or a URL added before."""
    try:
        canonical = canonical_url(url)
    except Skipped as exc:
        raise BadRequest(exc.detail) from exc
    seconds = parse_every(every)
    if language not in SUPPORTED_LANGUAGES:
        raise BadRequest(f"language {language!r}: the pipeline reads only {', '.join(sorted(SUPPORTED_LANGUAGES))}")
    await service.ensure_schema(service.settings.db_timeout)
    try:
        return await sources.create_source(
            service.driver, service.database, source_id(canonical), canonical, name or canonical, seconds, language
        )
    except SourceExists as exc:
        raise BadRequest(str(exc)) from exc


async def list_sources(service: Racegraph) -> list[dict[str, Any]]:
    """Return every source with its poll state and counts."""
    await service.ensure_schema(service.settings.db_timeout)
    return await sources.list_sources(service.driver, service.database)


async def remove_source(service: Racegraph, key: str) -> str:
    """Remove the source whose id or URL is `key` (its articles stay); return its id. Raise NotFound."""
    await service.ensure_schema(service.settings.db_timeout)
    keys = {key}
    try:
        keys.add(canonical_url(key))
    except Skipped:
        pass  # an id, not a URL
    for candidate in sorted(keys):
        removed = await sources.delete_source(service.driver, service.database, candidate)
        if removed is not None:
            return removed
    raise NotFound(f"no source with id or URL {key!r}")
