"""GraphiQL, the page browsers get at /graphql: our own bundle under /static (Strawberry's page loads
one from a CDN), with the pages' Content-Security-Policy."""

from __future__ import annotations

import re
import secrets

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.web.json_encoding import json_script
from app.web.pages import render

HOST_PATTERN = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
"""A Host header fit for a CSP source: a name or IPv4 address, or an IPv6 one in brackets, and a port."""

GRAPHIQL_QUERY = """# racegraph over GraphQL. Ctrl-Enter runs the query, Ctrl-Space completes, and Docs lists the
# schema. Mutations need an API key: add {"X-API-Key": "rg_..."} under Headers.
{
  stats { articles entities claims relations entitiesByKind { key count } }
  relations(first: 10, orderBy: CLAIMS) {
    totalCount
    edges { node { type subject { name } object { name } claimCount articleCount lastSeen } }
  }
}
"""


def graphiql_page(request: Request) -> HTMLResponse:
    """Return GraphiQL for the GraphQL endpoint at `request`'s path: the bundle from /static only (no
    CDN), its settings as JSON, and the pages' CSP plus WebSockets to this host (subscriptions) and a
    nonce for the style elements its dialogs add (the bundle passes it on)."""
    nonce = secrets.token_urlsafe(18)
    config = {"endpoint": request.url.path, "subscriptions": True, "defaultQuery": GRAPHIQL_QUERY, "styleNonce": nonce}
    csp: dict[str, list[str]] = {"style-src": [f"'nonce-{nonce}'"]}
    host = request.url.netloc
    # The Host header is the client's: only a plain host[:port] may go into the policy (anything else
    # could add sources or directives); without it, subscriptions still have 'self' in CSP Level 3.
    if HOST_PATTERN.fullmatch(host):
        csp["connect-src"] = [f"ws://{host}", f"wss://{host}"]
    return render(request, "graphiql.html", twin=None, csp=csp, config=config, config_json=json_script(config))
