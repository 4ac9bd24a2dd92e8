"""Fixtures of the sources tests: the loopback news site and settings that keep faults quick."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.settings import Settings
from tests.app.sources.news_site import QUICK, NewsSite, news_site


@pytest.fixture
def site() -> Iterator[NewsSite]:
    """A news site on a free loopback port, with no routes yet."""
    with news_site() as running:
        yield running


@pytest.fixture
def fetch_settings() -> Settings:
    """Settings for fetching only (no database)."""
    return Settings(environment="test", _env_file=None, **QUICK)


@pytest.fixture
def source_settings(settings: Settings) -> Settings:
    """The session's Neo4j settings with the quick fetch settings."""
    return settings.model_copy(update=QUICK)
