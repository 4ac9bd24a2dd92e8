"""The app for /static: the browser assets built from web/ (`make web`) into app/static."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from fastapi.staticfiles import StaticFiles

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"


def static_files() -> StaticFiles:
    """Return the app for /static (assets built from web/ by `make web`)."""
    # Font types by name, for systems without /etc/mime.types (python:3.11-slim): GraphiQL's fonts.
    mimetypes.add_type("font/woff2", ".woff2")
    mimetypes.add_type("font/woff", ".woff")
    if not (STATIC_DIR / "embed.js").is_file():
        log.warning("%s has no built assets: run `make web` (the graph view needs them)", STATIC_DIR)
    return StaticFiles(directory=STATIC_DIR, check_dir=False)
