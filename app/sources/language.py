"""Which language an item is in: the pipeline reads English only, so other items are skipped and counted."""

from __future__ import annotations

import py3langid

SUPPORTED_LANGUAGES = frozenset({"en"})
"""Languages the spaCy pipeline extracts from (nlp/config.cfg loads an English model)."""


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code py3langid finds most likely for `text`."""
    code, _score = py3langid.classify(text)
    return str(code)
