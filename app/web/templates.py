"""The Jinja environment of app/templates, with what every page may use: the URL builders and the
entity kinds."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from app import urls
from nlp.records import Kind


@cache
def templates() -> Environment:
    """Return the Jinja environment of app/templates (autoescaped)."""
    environment = Environment(
        loader=PackageLoader("app", "templates"), autoescape=select_autoescape(), trim_blocks=True, lstrip_blocks=True
    )
    environment.globals.update(urls=urls, kinds=[k.value for k in Kind])
    return environment
