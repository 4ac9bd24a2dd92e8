"""Which Neo4j password racegraph logs in with: the embedded Neo4j's generated one unless NEO4J_PASSWORD is set."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from pydantic import ValidationError

from app.settings import Settings
from graph.launcher.launcher import Neo4jInstance


@pytest.fixture(autouse=True)
def no_neo4j_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # The settings under test must come from these tests, not from whoever runs them.
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "RACEGRAPH_NEO4J_DATA_DIR", "RACEGRAPH_ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.integration
def test_the_embedded_neo4j_is_reached_with_the_password_generated_in_its_data_folder(
    neo4j_instance: Neo4jInstance,
) -> None:
    settings = Settings(
        neo4j_data_dir=neo4j_instance.data_dir, neo4j_bolt_port=neo4j_instance.bolt_port, _env_file=None
    )
    assert settings.embedded
    with GraphDatabase.driver(settings.bolt_uri, auth=(settings.neo4j_user, settings.neo4j_secret())) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1


@pytest.mark.integration
def test_an_explicit_neo4j_password_wins_over_the_generated_one(
    neo4j_instance: Neo4jInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "chosen-for-compose")
    settings = Settings(neo4j_data_dir=neo4j_instance.data_dir, _env_file=None)
    assert settings.neo4j_secret() == "chosen-for-compose"


def test_production_needs_a_password_for_its_own_neo4j_but_not_for_the_embedded_one(tmp_path) -> None:
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD must be set in production"):
        Settings(environment="production", neo4j_uri="bolt://db.internal:7687", _env_file=None)
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD must be set in production"):
        Settings(
            environment="production", neo4j_uri="bolt://db.internal:7687", neo4j_password="racegraph-dev",
            _env_file=None,
        )
    assert Settings(environment="production", neo4j_data_dir=tmp_path, _env_file=None).embedded
