"""Ingest through the service: every file type, re-runs that finish what a partial run left, the
summary's counts, and aggregated edges that always agree with the claims behind them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.service import IngestReport
from graph.build import build_article_graph, relation_rows
from nlp.load import iter_articles
from tests.factories import corpus
from tests.invariants import graph_counts, inconsistencies, snapshot

integration = pytest.mark.integration  # the tests that need Neo4j


# --- ingest through the service -----------------------------------------------------------------

TEXTS = {
    "allies.txt": "Japan and Australia allies\nJapan signed a security pact with Australia in March 2024.\n",
    "curbs.md": "# Curbs on chips\n\nThe United States restricted exports of advanced chips to China in May 2024.\n",
    "talks.html": (
        "<html><head><title>Talks</title><script>var x = 1;</script></head><body>"
        "<p>Germany signed a security pact with France on 3 June 2024.</p></body></html>"
    ),
}
RECORDS = [
    {"id": "one", "text": "India signed a security pact with Japan on 12 May 2024.", "published": "2024-05-20"},
    {"id": "two", "text": "Canada restricted exports of gallium to Russia in April 2024.", "published": "2024-05-02"},
    {"id": "three", "text": "Brazil signed a security pact with Chile on 2 February 2024.", "published": "2024-02-10"},
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one article in each of .txt, .md and .html, a .json list of two, a .jsonl of one,
    and one bad file."""
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "two.json").write_text(json.dumps(RECORDS[:2]))
    (nested / "one.jsonl").write_text(json.dumps(RECORDS[2]) + "\n")
    (nested / "broken.json").write_text("{not json")
    return tmp_path


@pytest.fixture
def ingest(on_service) -> Callable[[list[Path]], IngestReport]:
    """`ingest(paths)`: the report of ingesting files and folders through `Racegraph.ingest`, as
    `racegraph ingest` does."""
    return lambda paths: on_service(lambda service: service.ingest(iter_articles(paths)))


@integration
def test_a_folder_of_every_file_type_is_ingested_and_a_bad_file_reported(ingest, db, folder):
    report = ingest([folder])
    assert len(report.ingested) == 6 and report.duplicates == []
    assert [source for source, _ in report.failed] == [str(folder / "more" / "broken.json")]
    records, _, _ = db.execute_query("MATCH (a:Article) RETURN a.title AS title ORDER BY title")
    assert {r["title"] for r in records} >= {"Japan and Australia allies", "Curbs on chips", "Talks"}
    assert report.claims == graph_counts(db)["claims"] > 0
    assert inconsistencies(db) == []


@integration
def test_a_rerun_after_a_partial_ingest_finishes_the_rest_and_skips_what_is_stored(ingest, db, folder):
    ingest([folder])
    whole = snapshot(db)
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")

    partial = ingest([folder / "allies.txt", folder / "more" / "two.json"])
    rerun = ingest([folder])

    assert len(partial.ingested) == 3
    assert sorted(rerun.duplicates) == sorted(["allies", "one", "two"])
    assert len(rerun.ingested) == 3 and set(rerun.ingested).isdisjoint(partial.ingested)
    assert snapshot(db) == whole


@integration
def test_the_summary_counts_what_was_stored(ingest, db, folder):
    first = ingest([folder])
    counts = graph_counts(db)
    again = ingest([folder])
    assert (len(first.ingested), len(first.duplicates), len(first.failed)) == (6, 0, 1)
    assert (len(again.ingested), len(again.duplicates), len(again.failed), again.claims) == (0, 6, 1, 0)
    assert first.claims == counts["claims"]
    assert graph_counts(db) == counts


# --- aggregated edges under the incremental write path ----------------------------------------


@integration
def test_edges_added_batch_by_batch_agree_with_their_claims(write_graphs, db):
    """Hub pairs (United States, China) collect claims over many batches; every figure must equal
    what the claims behind the edge say."""
    graphs = [build_article_graph(a, x) for a, x in corpus(300, seed=11)]
    stats = write_graphs(graphs, batch_size=25)
    assert len(stats.written) == 300
    assert inconsistencies(db) == []
    hubs, _, _ = db.execute_query(
        "MATCH (:Entity {id: 'country:united-states'})-[r]-() RETURN max(r.claims) AS most"
    )
    assert hubs[0]["most"] > 5  # the check above covered edges built over several batches


@integration
def test_writing_a_corpus_in_one_batch_or_many_gives_the_same_graph(write_graphs, db):
    graphs = [build_article_graph(a, x) for a, x in corpus(120, seed=12)]
    write_graphs(graphs, batch_size=120)
    once = snapshot(db)
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs(graphs, batch_size=7)
    assert snapshot(db) == once


def test_relation_rows_sum_up_the_new_claims_of_each_pair():
    def claim(article_id: str, date: str | None, confidence: float, hedged: bool) -> dict[str, Any]:
        return {"type": "ALLIED_WITH", "subject_id": "country:japan", "object_id": "country:united-states",
                "article_id": article_id, "published": "2024-03-01", "date": date, "confidence": confidence,
                "hedged": hedged}

    claims = [claim("a", "2024-02", 0.5, True), claim("a", None, 0.5, False), claim("b", "2023", 0.2, True)]
    rows = relation_rows(claims)
    assert rows == [{
        "type": "ALLIED_WITH", "subject_id": "country:japan", "object_id": "country:united-states", "claims": 3,
        "articles": 2, "first_seen": "2023", "last_seen": "2024-03-01", "doubt": 0.5 * 0.5 * 0.8, "hedged": False,
    }]
