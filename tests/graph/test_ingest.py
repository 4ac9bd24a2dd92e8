"""Ingest through the service: every file type, re-runs that finish what a partial run left, the
summary's counts, and aggregated edges that always agree with the claims behind them."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from neo4j import Driver

from app.service import IngestReport, Racegraph
from app.settings import Settings
from bench.make_corpus import generate
from graph import cypher
from graph.build import build_article_graph, relation_rows
from graph.connect import open_async_driver
from graph.migrate import migrate
from graph.model import ArticleGraph
from graph.write import WriteStats, write_articles
from nlp.load import iter_articles
from tests.factories import graph_counts

integration = pytest.mark.integration  # the tests that need Neo4j

T = TypeVar("T")


# --- helpers the curation and fault tests share ----------------------------------------------


def with_service(settings: Settings, job: Callable[[Racegraph], Awaitable[T]]) -> T:
    """Run `job` with a service connected to the test Neo4j (schema migrated) and close it."""

    async def go() -> T:
        service = Racegraph(settings)
        try:
            await service.ensure_schema()
            return await job(service)
        finally:
            await service.close()

    return asyncio.run(go())


def write_graphs(settings: Settings, graphs: Sequence[ArticleGraph], batch_size: int = 10) -> WriteStats:
    """Write article graphs with `write_articles` (schema migrated first); return its stats."""

    async def go() -> WriteStats:
        driver = open_async_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_secret())
        try:
            await migrate(driver, settings.neo4j_database)
            return await write_articles(driver, graphs, settings.neo4j_database, batch_size)
        finally:
            await driver.close()

    return asyncio.run(go())


def inconsistencies(driver: Driver) -> list[str]:
    """Return every way the graph disagrees with itself: a claim whose SUBJECT/OBJECT/REPORTED_IN
    edges do not match its ids, a symmetric claim stored with the larger id first, an aggregated
    edge whose figures differ from its claims (computed here, independently of graph.write), a
    pair with claims but no edge, two articles with one text. Empty when all is well."""
    problems = []
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim) "
        "WITH c, [(c)-[:SUBJECT]->(s:Entity) | s.id] AS ss, [(c)-[:OBJECT]->(o:Entity) | o.id] AS os, "
        "     [(c)-[:REPORTED_IN]->(a:Article) | a.id] AS arts "
        "WHERE ss <> [c.subject_id] OR os <> [c.object_id] OR arts <> [c.article_id] RETURN c.id AS id"
    )
    problems += [f"claim {r['id']} has edges that do not match its ids" for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim) WHERE c.type IN ['MET_WITH', 'ALLIED_WITH'] AND c.subject_id > c.object_id "
        "RETURN c.id AS id"
    )
    problems += [f"symmetric claim {r['id']} has the larger id first" for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WITH a.sha256 AS sha, count(*) AS n WHERE n > 1 RETURN sha"
    )
    problems += [f"text {r['sha']} stored {r['n']} times" for r in records]

    claims, _, _ = driver.execute_query(
        "MATCH (c:Claim) RETURN c.type AS type, c.subject_id AS s, c.object_id AS o, c.article_id AS article, "
        "coalesce(c.date, c.published) AS day, c.confidence AS confidence, c.hedged AS hedged"
    )
    expected: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in claims:
        e = expected.setdefault(
            (c["type"], c["s"], c["o"]), {"claims": 0, "articles": set(), "days": [], "doubt": 1.0, "hedged": True}
        )
        e["claims"] += 1
        e["articles"].add(c["article"])
        e["days"] += [c["day"]] if c["day"] is not None else []
        e["doubt"] *= 1.0 - c["confidence"]
        e["hedged"] = e["hedged"] and c["hedged"]
    edges, _, _ = driver.execute_query(
        "MATCH (s:Entity)-[r:ANNOUNCED|RESTRICTED|MET_WITH|ALLIED_WITH|AFFILIATED_WITH]->(o:Entity) "
        "RETURN type(r) AS type, s.id AS s, o.id AS o, r {.*} AS stats"
    )
    for edge in edges:
        key, stats = (edge["type"], edge["s"], edge["o"]), edge["stats"]
        e = expected.pop(key, None)
        if e is None:
            problems.append(f"edge {key} has no claims")
            continue
        want = {
            "claims": e["claims"], "articles": len(e["articles"]), "first_seen": min(e["days"], default=None),
            "last_seen": max(e["days"], default=None), "hedged": e["hedged"],
        }
        got = {k: stats.get(k) for k in want}
        if got != want or not math.isclose(stats["confidence"], 1.0 - e["doubt"], abs_tol=1e-9):
            problems.append(f"edge {key} says {stats}, its claims say {want} (confidence {1.0 - e['doubt']})")
    problems += [f"pair {key} has claims but no edge" for key in expected]
    return problems


def snapshot(driver: Driver) -> dict[str, Any]:
    """Return what two equivalent runs must agree on: counts, each article's claim ids, each edge's figures."""
    articles, _, _ = driver.execute_query(
        "MATCH (a:Article) RETURN a.id AS id, [(c:Claim)-[:REPORTED_IN]->(a) | c.id] AS claims"
    )
    edges, _, _ = driver.execute_query(
        f"MATCH (s:Entity)-[r:{cypher.AGGREGATED_TYPES}]->(o:Entity) RETURN type(r) AS type, s.id AS s, o.id AS o, "
        "r.claims AS claims, r.articles AS articles, r.first_seen AS first, r.last_seen AS last, "
        "round(r.confidence, 9) AS confidence, r.hedged AS hedged"
    )
    return {
        "counts": graph_counts(driver),
        "articles": {r["id"]: sorted(r["claims"]) for r in articles},
        "edges": sorted(tuple(r.values()) for r in edges),
    }


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


def ingest(settings: Settings, paths: list[Path]) -> IngestReport:
    """Ingest files and folders through `Racegraph.ingest`, as `racegraph ingest` does."""
    return with_service(settings, lambda s: s.ingest(iter_articles(paths)))


@integration
def test_a_folder_of_every_file_type_is_ingested_and_a_bad_file_reported(settings, db, folder):
    report = ingest(settings, [folder])
    assert len(report.ingested) == 6 and report.duplicates == []
    assert [source for source, _ in report.failed] == [str(folder / "more" / "broken.json")]
    records, _, _ = db.execute_query("MATCH (a:Article) RETURN a.title AS title ORDER BY title")
    assert {r["title"] for r in records} >= {"Japan and Australia allies", "Curbs on chips", "Talks"}
    assert report.claims == graph_counts(db)["claims"] > 0
    assert inconsistencies(db) == []


@integration
def test_a_rerun_after_a_partial_ingest_finishes_the_rest_and_skips_what_is_stored(settings, db, folder):
    ingest(settings, [folder])
    whole = snapshot(db)
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")

    partial = ingest(settings, [folder / "allies.txt", folder / "more" / "two.json"])
    rerun = ingest(settings, [folder])

    assert len(partial.ingested) == 3
    assert sorted(rerun.duplicates) == sorted(["allies", "one", "two"])
    assert len(rerun.ingested) == 3 and set(rerun.ingested).isdisjoint(partial.ingested)
    assert snapshot(db) == whole


@integration
def test_the_summary_counts_what_was_stored(settings, db, folder):
    first = ingest(settings, [folder])
    counts = graph_counts(db)
    again = ingest(settings, [folder])
    assert (len(first.ingested), len(first.duplicates), len(first.failed)) == (6, 0, 1)
    assert (len(again.ingested), len(again.duplicates), len(again.failed), again.claims) == (0, 6, 1, 0)
    assert first.claims == counts["claims"]
    assert graph_counts(db) == counts


# --- aggregated edges under the incremental write path ----------------------------------------


@integration
def test_edges_added_batch_by_batch_agree_with_their_claims(settings, db):
    """Hub pairs (United States, China) collect claims over many batches; every figure must equal
    what the claims behind the edge say."""
    graphs = [build_article_graph(a, x) for a, x in generate(300, seed=11)]
    stats = write_graphs(settings, graphs, batch_size=25)
    assert len(stats.written) == 300
    assert inconsistencies(db) == []
    hubs, _, _ = db.execute_query(
        "MATCH (:Entity {id: 'country:united-states'})-[r]-() RETURN max(r.claims) AS most"
    )
    assert hubs[0]["most"] > 5  # the check above covered edges built over several batches


@integration
def test_writing_a_corpus_in_one_batch_or_many_gives_the_same_graph(settings, db):
    graphs = [build_article_graph(a, x) for a, x in generate(120, seed=12)]
    write_graphs(settings, graphs, batch_size=120)
    once = snapshot(db)
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs(settings, graphs, batch_size=7)
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
