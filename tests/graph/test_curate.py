"""Merging two entities: aliases united, claims and mentions moved, edges recomputed, the old id
redirected (chains included), all in one transaction; and the service and CLI around it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from app.cli import cli
from app.errors import BadRequest, NotFound
from app.settings import Settings
from graph import cypher
from graph.build import build_article_graph
from graph.curate import MergeStats, merge_entities, repoint_claims
from graph.model import ArticleGraph
from nlp.records import Entity, Kind, Mention, RelType
from tests.factories import article, entity, extraction, relation
from tests.invariants import graph_counts, inconsistencies

integration = pytest.mark.integration  # the tests that need Neo4j

# Ids chosen so that merging ALPHA into ZENITH flips symmetric pairs with MID (alpha < mid < zenith).
ALPHA = entity("Alpha Chips", Kind.ORGANIZATION)
MID = entity("Mid Foundry", Kind.ORGANIZATION)
ZENITH = entity("Zenith Semiconductor", Kind.ORGANIZATION)
OMEGA = entity("Omega Silicon", Kind.ORGANIZATION)
US = entity("United States", Kind.COUNTRY)
HUANG = entity("Li Huang", Kind.PERSON)


def story(text: str, entities: list[Entity], facts: list[tuple[RelType, Entity, Entity, float]]) -> ArticleGraph:
    """An article naming `entities` (where their names occur) and stating `facts` (type, subject,
    object, confidence), each with the whole text as evidence."""
    a = article(text, id=text[:12], url=None)
    starts = {e.id: text.find(e.name) for e in entities}
    named = [
        e.model_copy(update={"mentions": [Mention(start=starts[e.id], end=starts[e.id] + len(e.name))]})
        if starts[e.id] >= 0 else e
        for e in entities
    ]
    rels = [relation(t, s, o, text, confidence=c) for t, s, o, c in facts]
    return build_article_graph(a, extraction(a, named, rels))


STORIES = [
    # ALLIED_WITH stored (alpha, mid); after the merge it is (mid, zenith).
    story("Alpha Chips signed a partnership with Mid Foundry.", [ALPHA, MID],
          [(RelType.ALLIED_WITH, ALPHA, MID, 0.8)]),
    # The same fact already told of Zenith: one edge (mid, zenith) with two claims afterwards.
    story("Zenith Semiconductor allied with Mid Foundry.", [ZENITH, MID],
          [(RelType.ALLIED_WITH, ZENITH, MID, 0.7)]),
    # A meeting between the two becomes a self-loop, and is dropped.
    story("Alpha Chips executives met Zenith Semiconductor.", [ALPHA, ZENITH],
          [(RelType.MET_WITH, ALPHA, ZENITH, 0.9)]),
    # One article restricting both: two claims of one fact in one article; the more confident stays.
    story("The United States restricted Alpha Chips and Zenith Semiconductor.", [US, ALPHA, ZENITH],
          [(RelType.RESTRICTED, US, ALPHA, 0.95), (RelType.RESTRICTED, US, ZENITH, 0.6)]),
    story("Li Huang is the chief executive of Alpha Chips.", [HUANG, ALPHA],
          [(RelType.AFFILIATED_WITH, HUANG, ALPHA, 0.9)]),
]


@pytest.fixture
def merge(settings: Settings, on_graph) -> Callable[[str, str], MergeStats]:
    """`merge(keep, gone)`: the stats of merging entity `gone` into `keep` with `graph.curate`."""
    return lambda keep, gone: on_graph(lambda driver: merge_entities(driver, keep, gone, settings.neo4j_database))


def edges(db: Driver) -> dict[tuple[str, str, str], tuple[int, int]]:
    records, _, _ = db.execute_query(
        f"MATCH (s:Entity)-[r:{cypher.AGGREGATED_TYPES}]->(o:Entity) "
        "RETURN type(r) AS t, s.id AS s, o.id AS o, r.claims AS c, r.articles AS a"
    )
    return {(r["t"], r["s"], r["o"]): (r["c"], r["a"]) for r in records}


def node(db: Driver, entity_id: str) -> dict | None:
    records, _, _ = db.execute_query("MATCH (e:Entity {id: $id}) RETURN e {.*} AS e", id=entity_id)
    return records[0]["e"] if records else None


def redirects(db: Driver) -> dict[str, str]:
    records, _, _ = db.execute_query("MATCH (r:Redirect) RETURN r.id AS id, r.target AS target")
    return {r["id"]: r["target"] for r in records}


@pytest.fixture
def stories(write_graphs, db: Driver) -> Driver:
    write_graphs(STORIES)
    assert inconsistencies(db) == []
    return db


@integration
def test_a_merge_moves_claims_and_mentions_and_recomputes_every_edge_touched(merge, stories):
    db = stories
    stats = merge(ZENITH.id, ALPHA.id)

    assert node(db, ALPHA.id) is None
    assert edges(db) == {
        ("ALLIED_WITH", MID.id, ZENITH.id): (2, 2),
        ("RESTRICTED", US.id, ZENITH.id): (1, 1),
        ("AFFILIATED_WITH", HUANG.id, ZENITH.id): (1, 1),
    }
    assert len(stats.moved) == 3 and len(stats.deleted) == 2  # the self-loop and the weaker repeat
    records, _, _ = db.execute_query(
        "MATCH (c:Claim {type: 'RESTRICTED'}) RETURN c.confidence AS confidence, c.subject_id AS s, c.object_id AS o"
    )
    assert [dict(r) for r in records] == [{"confidence": 0.95, "s": US.id, "o": ZENITH.id}]
    mentions, _, _ = db.execute_query(
        "MATCH (a:Article)-[m:MENTIONS]->(:Entity {id: $id}) RETURN a.title AS t, m.spans AS spans", id=ZENITH.id
    )
    assert len(mentions) == 5  # every article named one or both; none mentions it twice
    assert inconsistencies(db) == []


@integration
def test_the_kept_entity_takes_the_merged_name_aliases_and_missing_properties(merge, write_graphs, db):
    gone = ALPHA.model_copy(update={"aliases": ["Alpha", "AlphaChip"], "properties": {"country": "KR"}})
    kept = ZENITH.model_copy(update={"aliases": ["Zenith"], "properties": {"type": "company"}})
    write_graphs([
        story("Alpha Chips is a chipmaker.", [gone], []),
        story("Zenith is a chipmaker.", [kept], []),
    ])
    merge(ZENITH.id, ALPHA.id)
    found = node(db, ZENITH.id)
    assert found["name"] == "Zenith Semiconductor"
    assert found["aliases"] == ["Alpha", "Alpha Chips", "AlphaChip", "Zenith"]
    assert (found["country"], found["type"]) == ("KR", "company")
    hits, _, _ = db.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', 'AlphaChip') YIELD node RETURN node.id AS id"
    )
    assert [h["id"] for h in hits] == [ZENITH.id]


@integration
def test_a_later_article_about_the_merged_entity_lands_on_the_kept_one(merge, write_graphs, stories):
    db = stories
    merge(ZENITH.id, ALPHA.id)
    before = edges(db)
    later = story("Alpha Chips deepened its partnership with Mid Foundry, and met Omega Silicon.",
                  [ALPHA, MID, OMEGA],
                  [(RelType.ALLIED_WITH, ALPHA, MID, 0.9), (RelType.MET_WITH, ALPHA, OMEGA, 0.8)])
    write_graphs([later])

    assert node(db, ALPHA.id) is None
    assert edges(db) == {
        **before,
        ("ALLIED_WITH", MID.id, ZENITH.id): (3, 3),  # oriented again: mid < zenith
        ("MET_WITH", OMEGA.id, ZENITH.id): (1, 1),  # alpha < omega, but omega < zenith
    }
    assert inconsistencies(db) == []


@integration
def test_merging_a_into_b_then_b_into_c_redirects_a_to_c(merge, write_graphs, stories):
    db = stories
    merge(MID.id, ALPHA.id)
    merge(ZENITH.id, MID.id)
    assert redirects(db) == {ALPHA.id: ZENITH.id, MID.id: ZENITH.id}

    write_graphs([story("Alpha Chips restricted shipments to Mid Foundry.", [ALPHA, MID],
                                  [(RelType.RESTRICTED, ALPHA, MID, 0.9)])])
    assert {node(db, i) is None for i in (ALPHA.id, MID.id)} == {True}
    assert ("RESTRICTED", ZENITH.id, ZENITH.id) not in edges(db)  # both ends are Zenith now: dropped
    assert inconsistencies(db) == []


@integration
def test_a_failure_inside_a_merge_leaves_the_graph_as_it_was(merge, stories, monkeypatch):
    db = stories
    before = (graph_counts(db), edges(db), node(db, ZENITH.id))
    monkeypatch.setattr(cypher, "REDIRECT_ENTITY", "RETURN 1 / 0")  # fails after claims and mentions moved
    with pytest.raises(Exception, match="/ by zero"):
        merge(ZENITH.id, ALPHA.id)
    after = node(db, ZENITH.id)
    assert (graph_counts(db), edges(db)) == before[:2]
    assert node(db, ALPHA.id) is not None and after == before[2]
    assert redirects(db) == {}


def test_repointing_is_a_pure_plan():
    claims = [
        {"id": "c1", "type": "ALLIED_WITH", "subject_id": "a", "object_id": "m", "article_id": "x", "confidence": 0.8},
        {"id": "c2", "type": "MET_WITH", "subject_id": "a", "object_id": "z", "article_id": "x", "confidence": 0.9},
        {"id": "c3", "type": "RESTRICTED", "subject_id": "u", "object_id": "a", "article_id": "y", "confidence": 0.5},
    ]
    existing = [
        {"id": "c4", "type": "RESTRICTED", "subject_id": "u", "object_id": "z", "article_id": "y", "confidence": 0.5},
    ]
    plan = repoint_claims(claims, existing, keep_id="z", merge_id="a")
    assert plan.moves == {"c1": ("m", "z")}
    assert plan.deletions == ["c2", "c3"]  # a self-loop, and a repeat that ties with the stored claim


# --- the service and the CLI ---------------------------------------------------------------------


@integration
def test_the_service_merges_by_name_and_refuses_what_cannot_be_merged(on_service, stories):
    merged = on_service(lambda s: s.merge_entities("Zenith Semiconductor", "alpha chips"))
    outcome = merged.properties
    assert (merged.id, outcome["merged_id"], outcome["moved"], outcome["deleted"]) == (ZENITH.id, ALPHA.id, 3, 2)
    assert "Alpha Chips" in merged.aliases

    with pytest.raises(NotFound, match="Alpha Chips"):
        on_service(lambda s: s.merge_entities("Zenith Semiconductor", "Alpha Chips"))
    with pytest.raises(BadRequest, match="same entity"):
        on_service(lambda s: s.merge_entities(ZENITH.id, "Zenith Semiconductor"))
    with pytest.raises(BadRequest, match=r"cannot merge United States \(Country\) into Mid Foundry"):
        on_service(lambda s: s.merge_entities(MID.id, US.id))


runner = CliRunner()




@integration
def test_the_cli_merges_two_entities_and_names_what_it_did(stories, cli_env):
    result = runner.invoke(cli, ["merge-entities", ZENITH.id, "Alpha Chips"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # rich wraps long lines
    assert f"merged {ALPHA.id} into {ZENITH.id} (Zenith Semiconductor): 3 claim(s) moved, 2 dropped" in said
    missing = runner.invoke(cli, ["merge-entities", ZENITH.id, "Nobody Corp"])
    assert missing.exit_code == 3
    assert "no entity with id or name 'Nobody Corp'" in missing.output
