"""`racegraph bulk-load`: a corpus bulk-loaded into a new folder answers every query as the same corpus
ingested through transactions, and an existing folder is never touched."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase
from pydantic import SecretStr
from typer.testing import CliRunner

from app.bulk_load import bulk_load
from app.cli import cli
from app.main import create_app
from app.settings import Settings
from graph.launcher import launcher
from nlp.load import iter_articles
from tests.invariants import stored_graph

pytestmark = pytest.mark.integration

# Written for this test. Two per batch: entities recur across batches (aliases and edges fold batch by
# batch), one text comes twice, one has quotes and a line break in its title.
RECORDS = [
    {"id": "pact", "text": "India signed a security pact with Japan on 12 May 2024. Prime Minister Narendra Modi "
     "met Fumio Kishida in Tokyo.", "published": "2024-05-20", "url": "https://example.org/pact"},
    {"id": "curbs", "text": "Canada restricted exports of gallium to Russia in April 2024. Modi met Kishida "
     "again in Delhi.", "published": "2024-05-02", "title": 'Curbs "now"\nand later'},
    {"id": "chips", "text": "Brazil signed a security pact with Chile on 2 February 2024. Nvidia announced the "
     "H200 chip.", "published": "2024-02-10"},
    {"id": "again", "text": "Brazil signed a security pact with Chile on 2 February 2024. Nvidia announced the "
     "H200 chip.", "published": "2024-02-10"},
    {"id": "talks", "text": "Japan and India signed a security pact in June 2024. Japan restricted exports of "
     "chip tools to China.", "published": "2024-06-30", "source": "Wire"},
]
BATCH = 2

ANSWERS = """
query {
  entities(first: 30, orderBy: NAME) { totalCount edges { node { id name kind aliases properties
    relations(first: 10) { type subject { id } object { id } claimCount articleCount firstSeen lastSeen
      confidence hedged claims(first: 5) { id type date confidence hedged item evidence start end
        extractorVersion article { id externalId title url source published text mentions } } } } } }
  relations(first: 30) { totalCount edges { node { type subject { id } object { id } claimCount confidence } } }
  search: entities(search: "Japan") { edges { node { id name } } }
  alias: entities(search: "Modi") { edges { node { id name } } }
  stats { articles entities claims relations }
}
"""


def answers(settings: Settings) -> dict[str, Any]:
    """What the API answers on the database of `settings`."""
    with TestClient(create_app(settings)) as client:
        response = client.post("/graphql", json={"query": ANSWERS})
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return dict(body["data"])


def test_a_bulk_loaded_corpus_answers_as_the_same_corpus_ingested(tmp_path: Path, settings: Settings, db: Driver,
                                                                   on_service):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    ingested = on_service(lambda service: service.ingest(iter_articles([corpus]), batch_size=BATCH))
    expected, expected_store = answers(settings), stored_graph(db)

    target = tmp_path / "bulk"
    report = asyncio.run(bulk_load(settings, iter_articles([corpus]), target, batch_size=BATCH))
    assert (report.written, report.duplicates, report.claims) == (ingested.written, ingested.duplicates,
                                                                  ingested.claims)
    assert report.claims > 0 and len(report.duplicates) == 1
    instance = launcher.start(target, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    try:
        # A Neo4j just started compiles every query once: on a loaded machine that takes seconds.
        loaded = settings.model_copy(update={"neo4j_uri": instance.uri, "db_timeout": 120.0,
                                             "neo4j_password": SecretStr(instance.password)})
        assert answers(loaded) == expected
        with GraphDatabase.driver(instance.uri, auth=instance.auth) as driver:
            assert stored_graph(driver) == expected_store
    finally:
        launcher.stop(target)


def test_bulk_load_refuses_a_folder_that_is_not_empty_and_leaves_it_alone(cli_env: Path):
    (cli_env / "corpus.jsonl").write_text(json.dumps(RECORDS[0]) + "\n")
    target = cli_env / "existing"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["bulk-load", "corpus.jsonl", "--data-dir", str(target)])
    assert result.exit_code == 2
    assert "is not an empty folder" in " ".join(result.output.split())  # rich wraps long paths
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
