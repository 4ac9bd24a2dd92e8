"""HTML pages as responses: a template rendered with the pages' security headers and a `Link` to its
JSON twin, and the error page that errors raised while serving an HTML view become."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.errors import AppError
from app.settings import Settings
from app.web.csp import content_security_policy
from app.web.templates import templates


def mark_html(request: Request) -> None:
    """Mark `request` as one for an HTML view (a dependency of the HTML routes)."""
    # Errors raised while serving an HTML view are shown as an error page (see `error_page`).
    request.state.html_view = True


def is_html_view(request: Request) -> bool:
    """True when `request` is for an HTML view, whose errors are shown as a page."""
    return bool(getattr(request.state, "html_view", False))


def render(
    request: Request,
    template: str,
    twin: str | None,
    status: int = 200,
    csp: Mapping[str, Sequence[str]] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Return a page with its CSP (plus the `csp` sources) and a `Link` header to its JSON twin."""
    settings: Settings = request.app.state.settings
    html = templates().get_template(template).render(twin=twin, **context)
    headers = {
        "Content-Security-Policy": content_security_policy(settings, csp),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if twin:
        headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(request: Request, error: AppError) -> HTMLResponse:
    """Return the error page for `error` (with the view's CSP, so it can show inside a frame)."""
    return render(request, "error.html", twin=None, status=error.status, error=str(error), status_code=error.status)
