"""The pages' Content-Security-Policy: no inline script or style, and framing only by this origin and
the frame ancestors in settings (the dashboards that may embed the views)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.settings import Settings


def content_security_policy(settings: Settings, extra: Mapping[str, Sequence[str]] | None = None) -> str:
    """Return the pages' CSP: only this origin's scripts, styles, workers and connections (plus the
    `extra` sources per directive), no inline code, and framing by this origin plus the configured
    frame ancestors."""
    directives = {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"], "connect-src": ["'self'"], "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"],
        "frame-ancestors": ["'self'", *settings.frame_ancestors],
    }
    for name, sources in (extra or {}).items():
        directives[name] = [*directives.get(name, []), *sources]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())
