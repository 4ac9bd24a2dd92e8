"""Shared fixtures: a real Neo4j for the session, a wiped database per test, the app's client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase

from app.main import create_app
from app.settings import Settings, get_settings
from graph.launcher import launcher


@pytest.fixture(scope="session")
def neo4j_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[launcher.Neo4jInstance]:
    """A real embedded Neo4j on a free port with a temporary data folder, for the whole session."""
    launcher.build_launcher()
    data_dir = tmp_path_factory.mktemp("neo4j")
    instance = launcher.start(data_dir, bolt_port=launcher.free_port(), heap="384m", pagecache="64m")
    yield instance
    launcher.stop(data_dir)


@pytest.fixture(scope="session")
def settings(neo4j_instance: launcher.Neo4jInstance) -> Settings:
    """Settings pointing at the session's Neo4j (so nothing starts the launcher again)."""
    return Settings(
        environment="test", neo4j_uri=neo4j_instance.uri, batch_size=10, anonymous_read=True, _env_file=None
    )


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Driver]:
    with GraphDatabase.driver(settings.bolt_uri, auth=("neo4j", "test")) as sync_driver:
        yield sync_driver


@pytest.fixture
def db(driver: Driver) -> Driver:
    """The session's database, emptied before the test (schema kept)."""
    driver.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    return driver


@pytest.fixture
def client(settings: Settings, db: Driver) -> Iterator[TestClient]:
    """An HTTP client over `create_app(settings)`, with the lifespan run."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client



@pytest.fixture
def cli_env(settings: Settings, db: Driver, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Run the CLI against the test Neo4j, from an empty working folder."""
    monkeypatch.setenv("NEO4J_URI", settings.bolt_uri)
    monkeypatch.setenv("RACEGRAPH_ENVIRONMENT", "test")
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()
