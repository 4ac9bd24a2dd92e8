"""JSON encoded by orjson, as a response body or inside a page's `<script type="application/json">`."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response
from markupsafe import Markup


def json_response(data: Any) -> Response:
    """Return `data` as JSON, encoded by orjson (a 5,000-node subgraph encodes in milliseconds)."""
    return Response(orjson.dumps(data), media_type="application/json")


def json_script(data: Any) -> Markup:
    """Return `data` as JSON safe inside a `<script type="application/json">` element."""
    text = orjson.dumps(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
