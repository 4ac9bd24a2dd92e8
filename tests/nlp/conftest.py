"""Fixtures for the nlp tests: the real pipeline, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.pipeline import load_pipeline
from nlp.records import ArticleIn, Extraction, RelType
from tests.factories import SHARED


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default model with the racegraph components (loaded once)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """`../shared/eval`, or a skip when the shared material is absent (user machines)."""
    path = SHARED / "eval"
    if not (path / "dev").is_dir():
        pytest.skip(f"../shared/eval not present: {path} is needed for gold-set comparisons")
    return path


@pytest.fixture(scope="session")
def run(nlp: Language) -> Callable[..., Extraction]:
    """`run(text, published="2025-03-14")`: the extraction of one article with that text."""

    def extract_text(text: str, published: str = "2025-03-14") -> Extraction:
        return extract(nlp, ArticleIn(id="t", text=text, published=date.fromisoformat(published)))

    return extract_text


@pytest.fixture(scope="session")
def facts() -> Callable[[Extraction], set[tuple[str, str, str]]]:
    """`facts(extraction)`: its relations as (type, subject, object) triples."""
    return lambda result: {(r.type.value, r.subject, r.object) for r in result.relations}


@pytest.fixture(scope="session")
def pairs(run: Callable[..., Extraction]) -> Callable[..., set[tuple[str, str]]]:
    """`pairs(text, rel, published="2025-03-14")`: the (subject, object) pairs of type `rel` in that article."""

    def found(text: str, rel: RelType, published: str = "2025-03-14") -> set[tuple[str, str]]:
        return {(r.subject, r.object) for r in run(text, published).relations if r.type is rel}

    return found
