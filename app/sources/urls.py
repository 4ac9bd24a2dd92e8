"""Canonical URLs, so that one story is one URL whatever link a feed or a reader used."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from app.sources.reasons import Reason, Skipped

SCHEMES = ("http", "https")


def canonical_url(url: str) -> str:
    """Return `url` with a lowercase scheme and host, no default port, no fragment, and the query sorted
    without tracking parameters (utm_*, fbclid, gclid...); raise Skipped(BAD_LINK) for anything but an
    absolute http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise Skipped(Reason.BAD_LINK, f"{url!r} is not an http(s) URL")
    try:
        normal = normalize_url(url.strip(), strict=False)
    except ValueError as exc:
        raise Skipped(Reason.BAD_LINK, f"{url!r}: {exc}") from exc
    return urlunsplit(urlsplit(normal)._replace(fragment=""))


def origin(url: str) -> str:
    """Return scheme://host[:port] of an absolute URL: the unit robots.txt and the per-host delay apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
