"""Day tallies: what `tally_changes` computes, and that the tallies the writes keep equal a recount of the
claims after ingest, a new text at a stored URL, retraction, merges and the migration that backfills them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from app.settings import Settings
from graph.build import build_article_graph
from graph.curate import merge_entities
from graph.migrate import migrate
from graph.model import ArticleGraph
from graph.tallies import tally_changes
from graph.write import delete_articles
from nlp.records import Entity, Kind, RelType
from tests.factories import article, entity, extraction, relation
from tests.invariants import inconsistencies, snapshot, tally_inconsistencies

US = entity("United States", Kind.COUNTRY)
JAPAN = entity("Japan", Kind.COUNTRY)
KOREA = entity("South Korea", Kind.COUNTRY)
NIPPON = entity("Nippon", Kind.COUNTRY)  # merged into JAPAN below
ACME = entity("Acme Chips", Kind.ORGANIZATION)
BOREALIS = entity("Borealis AI", Kind.ORGANIZATION)


def claim(subject: str, obj: str, article_id: str, day: str | None, rel_type: str = "ALLIED_WITH") -> dict[str, Any]:
    return {"type": rel_type, "subject_id": subject, "object_id": obj, "article_id": article_id, "day": day}


def test_changes_count_each_claim_once_per_entity_and_article_in_the_lock_order():
    rows = tally_changes(
        added=[claim("us", "jp", "a2", "2024-01-10"), claim("us", "kr", "a2", "2024-01-10"),
               claim("us", "jp", "a1", "2024-01-10"), claim("us", "jp", "a3", None)],
        removed=[claim("us", "kr", "a0", "2024-01-10")],
    )
    assert rows == [
        {"entity_id": "jp", "type": "ALLIED_WITH", "day": "2024-01-10", "date": "2024-01-10",
         "claims": 2, "articles": ["a1", "a2"], "deltas": [1, 1], "spread": []},
        {"entity_id": "kr", "type": "ALLIED_WITH", "day": "2024-01-10", "date": "2024-01-10",
         "claims": 0, "articles": ["a0", "a2"], "deltas": [-1, 1], "spread": []},
        {"entity_id": "us", "type": "ALLIED_WITH", "day": "2024-01-10", "date": "2024-01-10",
         "claims": 2, "articles": ["a0", "a1", "a2"], "deltas": [-1, 1, 2], "spread": []},
    ]


def test_an_article_reporting_an_entity_and_type_on_two_days_is_spread_in_both_tallies():
    rows = tally_changes(added=[claim("us", "jp", "a1", "2024-01-10"), claim("us", "kr", "a1", "2024-02-01"),
                                claim("us", "kr", "a2", "2024-02-01", "MET_WITH")])
    spread = {(r["entity_id"], r["type"], r["day"]): r["spread"] for r in rows}
    assert spread == {
        ("jp", "ALLIED_WITH", "2024-01-10"): [], ("kr", "ALLIED_WITH", "2024-02-01"): [],
        ("us", "ALLIED_WITH", "2024-01-10"): ["a1"], ("us", "ALLIED_WITH", "2024-02-01"): ["a1"],
        ("kr", "MET_WITH", "2024-02-01"): [], ("us", "MET_WITH", "2024-02-01"): [],
    }


def test_a_claim_moved_within_its_tallies_changes_nothing():
    before = claim("nippon", "us", "a1", "2024-02-01", "RESTRICTED")
    after = claim("japan", "us", "a1", "2024-02-01", "RESTRICTED")
    assert tally_changes(added=[after], removed=[before]) == [
        {"entity_id": "japan", "type": "RESTRICTED", "day": "2024-02-01", "date": "2024-02-01",
         "claims": 1, "articles": ["a1"], "deltas": [1], "spread": []},
        {"entity_id": "nippon", "type": "RESTRICTED", "day": "2024-02-01", "date": "2024-02-01",
         "claims": -1, "articles": ["a1"], "deltas": [-1], "spread": []},
    ]
    assert tally_changes(added=[before], removed=[before]) == []


def story(text: str, published: str | None, facts: list[tuple[RelType, Entity, Entity, str | None]],
          url: str | None = None) -> ArticleGraph:
    """An article published on `published` stating `facts` (type, subject, object, the claim's own date)."""
    given = article(text, id=text[:16], published=published, url=url)
    named = sorted({e.id: e for _, s, o, _ in facts for e in (s, o)}.values(), key=lambda e: e.id)
    relations = [relation(t, s, o, text, date=d) for t, s, o, d in facts]
    return build_article_graph(given, extraction(given, named, relations))


# Two allies on one day in one article (an article with two claims in the US's tally), a second article on
# that day, a claim dated apart from its article, undated claims of an undated article, and the same facts
# told of NIPPON, which merging it into JAPAN turns into repeats, moves and a self-loop.
STORIES = [
    story("The US allied with Japan and South Korea.", "2024-01-10",
          [(RelType.ALLIED_WITH, US, JAPAN, None), (RelType.ALLIED_WITH, US, KOREA, None)]),
    story("Japan and the US renewed their alliance.", "2024-01-10", [(RelType.ALLIED_WITH, US, JAPAN, None)],
          url="https://example.org/renewed"),
    story("In a March review, the US restricted Acme Chips; now Borealis AI too.", "2024-04-02",
          [(RelType.RESTRICTED, US, ACME, "2024-03"), (RelType.RESTRICTED, US, BOREALIS, None),
           (RelType.MET_WITH, US, JAPAN, None)]),
    story("Undated: the US met South Korea.", None, [(RelType.MET_WITH, US, KOREA, None)]),
    story("Nippon allied with the US and met Japan.", "2024-01-10",
          [(RelType.ALLIED_WITH, US, NIPPON, None), (RelType.MET_WITH, NIPPON, JAPAN, None)]),
    story("Nippon restricted Acme Chips.", "2024-02-20", [(RelType.RESTRICTED, NIPPON, ACME, None)]),
    story("Japan and Nippon restricted Acme Chips.", "2024-02-21",
          [(RelType.RESTRICTED, JAPAN, ACME, None), (RelType.RESTRICTED, NIPPON, ACME, None)]),
    story("Japan met South Korea on 5 January, Nippon the US on 5 February.", "2024-02-10",
          [(RelType.MET_WITH, JAPAN, KOREA, "2024-01-05"), (RelType.MET_WITH, NIPPON, US, "2024-02-05")]),
    story("Nippon allied with Japan on 1 March and South Korea on 2 March.", "2024-03-10",
          [(RelType.ALLIED_WITH, NIPPON, JAPAN, "2024-03-01"), (RelType.ALLIED_WITH, NIPPON, KOREA, "2024-03-02")]),
]


def tallies(db: Driver) -> dict[tuple[str, str, str], tuple[int, list[str], list[int]]]:
    """(entity, type, day) -> (claims, articles, article claims) of every tally."""
    records, _, _ = db.execute_query("MATCH (t:DayTally) RETURN t {.*} AS t")
    return {
        (r["t"]["entity_id"], r["t"]["type"], r["t"]["day"]): (r["t"]["claims"], r["t"]["articles"],
                                                              r["t"]["article_claims"])
        for r in records
    }


def spread(db: Driver) -> dict[tuple[str, str, str], list[str]]:
    """(entity, type, day) -> the spread articles of every tally that has some."""
    records, _, _ = db.execute_query("MATCH (t:DayTally) WHERE t.spread <> [] RETURN t {.*} AS t")
    return {(r["t"]["entity_id"], r["t"]["type"], r["t"]["day"]): r["t"]["spread"] for r in records}


@pytest.fixture
def stories(db: Driver, write_graphs) -> list[ArticleGraph]:
    """STORIES written one article per transaction, so that tallies grow across transactions."""
    write_graphs(STORIES, batch_size=1)
    return STORIES


@pytest.mark.integration
def test_one_batch_keeps_the_tallies_and_edges_of_one_article_per_transaction(db, write_graphs):
    # STORIES repeat entities, types and days across articles and within them: one batch sends each
    # (entity, type, day) once with every article's claims, and the edges' increments of all types at once.
    write_graphs(STORIES, batch_size=len(STORIES))
    batched = tallies(db), spread(db), snapshot(db)
    assert tally_inconsistencies(db) == []
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs(STORIES, batch_size=1)
    assert (tallies(db), spread(db), snapshot(db)) == batched


@pytest.mark.integration
def test_ingest_keeps_a_tally_per_entity_type_and_day(stories, write_graphs, db):
    kept = tallies(db)
    by_article = {stories[0].article.id: 2, stories[1].article.id: 1, stories[4].article.id: 1}
    assert kept[US.id, "ALLIED_WITH", "2024-01-10"] == (
        4, sorted(by_article), [by_article[a] for a in sorted(by_article)]
    )
    assert kept[ACME.id, "RESTRICTED", "2024-03"][0] == 1  # the claim's own date, not its article's
    assert kept[ACME.id, "RESTRICTED", "2024-02-21"] == (2, [stories[6].article.id], [2])
    # The undated meeting of an undated article has no tally.
    assert {day for entity_id, rel, day in kept if entity_id == KOREA.id and rel == "MET_WITH"} == {"2024-01-05"}
    assert spread(db) == {(US.id, "RESTRICTED", "2024-03"): [stories[2].article.id],
                          (US.id, "RESTRICTED", "2024-04-02"): [stories[2].article.id],
                          (NIPPON.id, "ALLIED_WITH", "2024-03-01"): [stories[8].article.id],
                          (NIPPON.id, "ALLIED_WITH", "2024-03-02"): [stories[8].article.id]}
    assert tally_inconsistencies(db) == []
    write_graphs(STORIES)  # stored texts: nothing changes
    assert tallies(db) == kept


@pytest.mark.integration
def test_retraction_and_a_new_text_at_a_stored_url_take_claims_out_of_the_tallies(stories, write_graphs, db,
                                                                                   settings: Settings, on_graph):
    first = stories[0].article.id
    assert on_graph(lambda driver: delete_articles(driver, [first], settings.neo4j_database)) == 1
    kept = tallies(db)
    assert first not in {a for _, articles, _ in kept.values() for a in articles}
    assert (KOREA.id, "ALLIED_WITH", "2024-01-10") not in kept
    assert kept[JAPAN.id, "ALLIED_WITH", "2024-01-10"] == (1, [stories[1].article.id], [1])
    assert tally_inconsistencies(db) == []

    renewed = story("Japan and the US renewed it again.", "2024-01-12", [(RelType.ALLIED_WITH, US, JAPAN, None)],
                    url="https://example.org/renewed")
    assert len(write_graphs([renewed]).replaced) == 1
    kept = tallies(db)
    assert kept[JAPAN.id, "ALLIED_WITH", "2024-01-12"] == (1, [renewed.article.id], [1])
    assert (JAPAN.id, "ALLIED_WITH", "2024-01-10") not in kept
    assert inconsistencies(db) == []


@pytest.mark.integration
def test_a_merge_moves_the_merged_entitys_tallies_to_the_kept_one(stories, db, settings: Settings, on_graph):
    stats = on_graph(lambda driver: merge_entities(driver, JAPAN.id, NIPPON.id, settings.neo4j_database))
    assert stats.moved and stats.deleted  # claims moved, and the meeting with Japan became a self-loop
    kept = tallies(db)
    assert not any(entity_id == NIPPON.id for entity_id, _, _ in kept)
    assert kept[JAPAN.id, "RESTRICTED", "2024-02-20"] == (1, [stories[5].article.id], [1])
    assert (JAPAN.id, "MET_WITH", "2024-01-10") not in kept
    assert kept[ACME.id, "RESTRICTED", "2024-02-21"] == (1, [stories[6].article.id], [1])  # a repeat, deleted
    # Japan now meets on two days in one article, and no longer allies on two (its meeting with Nippon is gone).
    assert spread(db) == {(US.id, "RESTRICTED", "2024-03"): [stories[2].article.id],
                          (US.id, "RESTRICTED", "2024-04-02"): [stories[2].article.id],
                          (JAPAN.id, "MET_WITH", "2024-01-05"): [stories[7].article.id],
                          (JAPAN.id, "MET_WITH", "2024-02-05"): [stories[7].article.id]}
    assert inconsistencies(db) == []


@pytest.mark.integration
def test_the_migration_counts_the_tallies_the_writes_keep(stories, db, settings: Settings, on_graph):
    kept = tallies(db)
    assert len(kept) >= 10
    db.execute_query("MATCH (t:DayTally) DETACH DELETE t")
    db.execute_query("MATCH (m:Migration) WHERE m.version IN [7, 9] DELETE m")
    applied = on_graph(lambda driver: migrate(driver, settings.neo4j_database))
    assert [m.name for m in applied] == ["day_tallies", "day_tally_dates"]
    assert tallies(db) == kept
    assert tally_inconsistencies(db) == []


def dates(db: Driver) -> dict[tuple[str, str, str], date | None]:
    """(entity, type, day) -> the date of every tally."""
    records, _, _ = db.execute_query("MATCH (t:DayTally) RETURN t.entity_id AS e, t.type AS type, t.day AS day, "
                                     "t.date AS date")
    return {(r["e"], r["type"], r["day"]): r["date"].to_native() if r["date"] else None for r in records}


@pytest.mark.integration
def test_the_migration_dates_the_tallies_as_the_writes_do(stories, db, write_graphs, settings: Settings, on_graph):
    write_graphs([story("Japan met South Korea on 30 February.", "2024-03-01",
                        [(RelType.MET_WITH, JAPAN, KOREA, "2024-02-30")])])
    written = dates(db)
    assert written[US.id, "RESTRICTED", "2024-03"] == date(2024, 3, 1)  # a month: its first day
    assert written[US.id, "ALLIED_WITH", "2024-01-10"] == date(2024, 1, 10)
    assert written[JAPAN.id, "MET_WITH", "2024-02-30"] is None  # no such day
    db.execute_query("MATCH (t:DayTally) REMOVE t.date")
    db.execute_query("MATCH (m:Migration {version: 9}) DELETE m")
    applied = on_graph(lambda driver: migrate(driver, settings.neo4j_database))
    assert [m.name for m in applied] == ["day_tally_dates"]
    assert dates(db) == written
