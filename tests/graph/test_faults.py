"""Faults during `racegraph ingest`: the process killed with SIGKILL, Neo4j stopped under it.

Each test runs the real CLI in a subprocess on a generated corpus, interrupts it once some batches
are stored, and checks that every stored article has exactly the claims an uninterrupted run stores
for it, that nothing is stored twice, and that a re-run ends with the graph an uninterrupted run makes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from app.settings import Settings
from graph.build import build_article_graph
from graph.connect import open_driver
from graph.launcher import launcher
from nlp.load import iter_articles
from nlp.records import ArticleIn
from tests.factories import corpus as synthetic_corpus
from tests.invariants import inconsistencies, snapshot
from tests.own_neo4j import RACEGRAPH

pytestmark = pytest.mark.integration

ARTICLES = 120
BATCH = 3  # small batches: many commits, so the interruption lands between two of them


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file of generated articles (our own templates)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w") as sink:
        for article, _ in synthetic_corpus(ARTICLES, seed=5):
            sink.write(article.model_dump_json() + "\n")
    return path


@pytest.fixture(scope="module")
def reference(driver: Driver, corpus: Path, on_service, write_graphs) -> dict[str, Any]:
    """The graph an uninterrupted run stores for the corpus: extracted in this process, written in
    one go into the session's Neo4j, read back, and wiped."""
    articles = [a for a in iter_articles([corpus]) if isinstance(a, ArticleIn)]
    extractions = on_service(lambda s: _extract(s, articles))
    driver.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs([build_article_graph(a, x) for a, x in zip(articles, extractions, strict=True)])
    found = snapshot(driver)
    driver.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    assert found["counts"]["articles"] == ARTICLES and found["counts"]["claims"] > ARTICLES
    return found


async def _extract(service: Any, articles: list[ArticleIn]) -> list[Any]:
    return list(service.extract(articles))


def start_ingest(uri: str, password: str, corpus: Path, cwd: Path) -> subprocess.Popen[str]:
    """Start `racegraph ingest CORPUS` against the Neo4j at `uri`, one NLP process, small batches."""
    env = {
        **os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": password, "RACEGRAPH_ENVIRONMENT": "test",
        "RACEGRAPH_DB_TIMEOUT": "3",
        "RACEGRAPH_WORKERS": "1", "RACEGRAPH_BATCH_SIZE": str(BATCH), "COLUMNS": "200",
    }
    return subprocess.Popen(
        [*RACEGRAPH, "ingest", str(corpus)], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def stored_articles(uri: str, password: str) -> int:
    with open_driver(uri, launcher.USER, password) as d:
        return int(d.execute_query("MATCH (a:Article) RETURN count(a) AS n")[0][0]["n"])


def interrupt_when_stored(
    process: subprocess.Popen[str], uri: str, password: str, interrupt: Callable[[], None]
) -> int:
    """Call `interrupt` as soon as some, not all, articles are stored; return how many were stored then."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        stored = stored_articles(uri, password)
        if stored >= BATCH:
            interrupt()
            return stored
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be interrupted: {process.communicate()}")
        time.sleep(0.02)
    process.kill()
    pytest.fail("ingest stored nothing within 300 s")


def check_partial(driver: Driver, reference: dict[str, Any]) -> dict[str, Any]:
    """Assert that what a broken run left is whole: each stored article has exactly its reference
    claims, nothing twice, every edge agrees with its claims. Return the snapshot."""
    found = snapshot(driver)
    assert 0 < found["counts"]["articles"] < ARTICLES
    assert {a: reference["articles"][a] for a in found["articles"]} == found["articles"]
    assert found["counts"]["claims"] == sum(len(c) for c in found["articles"].values())
    assert inconsistencies(driver) == []
    return found


def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_finishes_the_same_graph(
    settings: Settings, db: Driver, corpus: Path, reference: dict[str, Any], tmp_path: Path
):
    password = settings.neo4j_secret()
    process = start_ingest(settings.bolt_uri, password, corpus, tmp_path)
    interrupt_when_stored(process, settings.bolt_uri, password, lambda: os.kill(process.pid, signal.SIGKILL))
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    partial = check_partial(db, reference)

    rerun = start_ingest(settings.bolt_uri, password, corpus, tmp_path)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    skipped = re.search(r"skipped as duplicate\s+(\d+)", out)
    assert skipped is not None and int(skipped[1]) == partial["counts"]["articles"], out
    assert snapshot(db) == reference
    assert inconsistencies(db) == []


def test_stopping_neo4j_mid_ingest_fails_clearly_and_a_rerun_after_restart_finishes(
    own_neo4j: launcher.Neo4jInstance, corpus: Path, reference: dict[str, Any], tmp_path: Path
):
    data_dir, uri, password = own_neo4j.data_dir, own_neo4j.uri, own_neo4j.password
    process = start_ingest(uri, password, corpus, tmp_path)
    interrupt_when_stored(process, uri, password, lambda: launcher.stop(data_dir))
    out, err = process.communicate(timeout=120)

    assert process.returncode == 5, (out, err)  # Unavailable
    message = " ".join(err.split())
    assert f"Neo4j is not reachable at {uri}" in message, message
    assert "Traceback" not in err

    uri = launcher.start(data_dir, bolt_port=launcher.free_port(), heap="384m", pagecache="64m").uri
    with open_driver(uri, launcher.USER, password) as restarted:  # a restart keeps the generated password
        check_partial(restarted, reference)
        rerun = start_ingest(uri, password, corpus, tmp_path)
        out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        assert snapshot(restarted) == reference
        assert inconsistencies(restarted) == []
