"""The Jinja environment of app/templates, with what every page may use: the URL builders, the entity
kinds, the relation types and the export formats."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from app import urls
from app.exports import FORMATS
from nlp.records import Kind, RelType


@cache
def templates() -> Environment:
    """Return the Jinja environment of app/templates (autoescaped)."""
    environment = Environment(
        loader=PackageLoader("app", "templates"), autoescape=select_autoescape(), trim_blocks=True, lstrip_blocks=True
    )
    kinds, rel_types = [k.value for k in Kind], [t.value for t in RelType]
    environment.globals.update(urls=urls, kinds=kinds, rel_types=rel_types, formats=FORMATS)
    return environment
