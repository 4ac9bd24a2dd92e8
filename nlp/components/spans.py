"""The token positions spans cover: what later matches must leave alone."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span


def covered_tokens(spans: Iterable[Span]) -> set[int]:
    """Return the indices of the tokens inside any of `spans`."""
    return {i for span in spans for i in range(span.start, span.end)}
