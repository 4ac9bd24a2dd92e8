"""Fixtures for the nlp tests: the real pipeline, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nlp.pipeline import load_pipeline

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


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
