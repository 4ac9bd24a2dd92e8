"""Writes are idempotent, atomic per article, and keep aggregated edges consistent with claims."""

import asyncio
from collections.abc import Callable

import pytest
from neo4j import AsyncDriver, Driver
from neo4j.exceptions import CypherTypeError

from app.settings import Settings
from graph.build import build_article_graph
from graph.migrate import migrate
from graph.model import ArticleGraph
from graph.write import WriteStats, delete_articles, write_articles
from nlp.records import Kind, RelType
from tests.factories import article, entity, extraction, relation
from tests.invariants import graph_counts, tally_inconsistencies

pytestmark = pytest.mark.integration

US = entity("United States", Kind.COUNTRY)
JAPAN = entity("Japan", Kind.COUNTRY)
AUSTRALIA = entity("Australia", Kind.COUNTRY)
TEXT = "The U.S. has the support of allies such as Japan and Australia."


def allies_graph(text: str = TEXT, url: str | None = "https://example.org/allies", **fields: object) -> ArticleGraph:
    a = article(text, url=url, **fields)
    rels = [relation(RelType.ALLIED_WITH, US, JAPAN, text), relation(RelType.ALLIED_WITH, US, AUSTRALIA, text)]
    return build_article_graph(a, extraction(a, [US, JAPAN, AUSTRALIA], rels))


@pytest.fixture
def delete(settings: Settings, on_graph) -> Callable[[list[str]], int]:
    """`delete(ids)`: how many of the articles `ids` `graph.write.delete_articles` removed."""
    return lambda ids: on_graph(lambda driver: delete_articles(driver, ids, settings.neo4j_database))


def edge(db: Driver, subject: str, obj: str) -> dict | None:
    records, _, _ = db.execute_query(
        "MATCH (s:Entity {id: $s})-[r:ALLIED_WITH]-(o:Entity {id: $o}) RETURN r {.*} AS r", s=subject, o=obj
    )
    return records[0]["r"] if records else None


def test_writing_the_same_article_twice_changes_nothing(write_graphs, db):
    first = write_graphs([allies_graph()])
    counts = graph_counts(db)
    second = write_graphs([allies_graph()])
    assert (len(first.written), first.claims) == (1, 2)
    assert second.written == [] and second.duplicates == first.written
    # edges: 2 aggregated, 3 per claim (subject, object, article); entities this small keep no strongest list
    assert graph_counts(db) == counts == {"articles": 1, "entities": 3, "claims": 2, "edges": 2 + 2 * 3}


def test_entities_carry_their_kind_label_and_united_aliases(write_graphs, db):
    write_graphs([allies_graph()])
    records, _, _ = db.execute_query(
        "MATCH (e:Country {id: 'country:japan'}) RETURN e.name AS name, labels(e) AS labels"
    )
    assert [(r["name"], sorted(r["labels"])) for r in records] == [("Japan", ["Country", "Entity"])]


def test_an_edge_counts_its_claims_and_independent_articles(write_graphs, db):
    write_graphs([allies_graph(url="https://a.example/1"), allies_graph(TEXT + " Really.", url="https://b.example/2")])
    stats = edge(db, "country:japan", "country:united-states")
    assert stats["claims"] == 2 and stats["articles"] == 2
    assert 0.9 < stats["confidence"] <= 1.0  # two sources are more convincing than one


def test_new_text_at_the_same_url_replaces_the_old_claims(write_graphs, db):
    write_graphs([allies_graph()])
    text = "The U.S. counts Japan among its allies."
    a = article(text, url="https://example.org/allies")
    replacement = build_article_graph(
        a, extraction(a, [US, JAPAN], [relation(RelType.ALLIED_WITH, US, JAPAN, text)])
    )
    stats = write_graphs([replacement])
    assert len(stats.replaced) == 1
    assert graph_counts(db)["claims"] == 1
    assert edge(db, "country:australia", "country:united-states") is None
    assert db.execute_query("MATCH (e:Entity {id: 'country:australia'}) RETURN e")[0] == []


def test_deleting_an_article_removes_its_claims_edges_and_orphaned_entities(write_graphs, delete, db):
    kept = allies_graph(url="https://a.example/1")
    gone = allies_graph(TEXT + " Again.", url="https://b.example/2")
    write_graphs([kept, gone])
    assert delete([gone.article.id]) == 1
    assert edge(db, "country:japan", "country:united-states")["claims"] == 1
    assert delete([kept.article.id]) == 1
    assert graph_counts(db) == {"articles": 0, "entities": 0, "claims": 0, "edges": 0}
    assert delete(["no-such-article"]) == 0


def test_a_failure_mid_batch_leaves_no_partial_article(write_graphs, db):
    good = allies_graph(url="https://a.example/1")
    bad = allies_graph(TEXT + " Broken.", url="https://b.example/2")
    bad.entities[0].properties = {"nested": {"map": "values are not storable"}}  # type: ignore[dict-item]
    with pytest.raises(CypherTypeError):
        write_graphs([good, bad], batch_size=2)
    assert graph_counts(db) == {"articles": 0, "entities": 0, "claims": 0, "edges": 0}


def test_a_failed_batch_keeps_the_batches_before_it_and_writes_none_after(write_graphs, db):
    # The rows of each next batch are built while the one before is written (graph.write.write_articles).
    first = allies_graph(url="https://a.example/1")
    bad = allies_graph(TEXT + " Broken.", url="https://b.example/2")
    bad.entities[0].properties = {"nested": {"map": "values are not storable"}}  # type: ignore[dict-item]
    last = allies_graph(TEXT + " Later.", url="https://c.example/3")
    with pytest.raises(CypherTypeError):
        write_graphs([first, bad, last], batch_size=1)
    stored, _, _ = db.execute_query("MATCH (a:Article) RETURN a.id AS id")
    assert [r["id"] for r in stored] == [first.article.id]
    assert graph_counts(db)["claims"] == 2
    assert tally_inconsistencies(db) == []


def test_concurrent_writers_of_the_same_text_each_keep_the_rest_of_their_batch(
    settings: Settings, db: Driver, on_graph, write_graphs
):
    shared = allies_graph(url=None)
    own = [allies_graph(f"Japan and Australia are allies, writer {n}.", url=None) for n in range(4)]

    async def race(driver: AsyncDriver) -> list[WriteStats]:
        await migrate(driver, settings.neo4j_database)  # the article id's uniqueness is what they race on
        return await asyncio.gather(*(write_articles(driver, [shared, mine], settings.neo4j_database) for mine in own))

    results = on_graph(race)
    assert sorted(len(r.written) for r in results) == [1, 1, 1, 2]  # one writer stored the shared text
    assert sum(r.duplicates == [shared.article.id] for r in results) == 3
    assert [i for r in results for i in r.written if i != shared.article.id] == [g.article.id for g in own]
    concurrent = graph_counts(db), edge_claims(db)
    assert tally_inconsistencies(db) == []  # five writers added to the same day tallies at once
    db.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs([shared, *own])  # one writer: the graph the concurrent ones must leave
    assert concurrent == (graph_counts(db), edge_claims(db))
    assert concurrent[0]["articles"] == 5


def edge_claims(driver: Driver) -> list[tuple[str, str, str, int]]:
    """Each aggregated edge with the claims it counts."""
    records, _, _ = driver.execute_query(
        "MATCH (s:Entity)-[r:ALLIED_WITH]->(o:Entity) RETURN s.id AS s, type(r) AS t, o.id AS o, r.claims AS n "
        "ORDER BY s, o"
    )
    return [(r["s"], r["t"], r["o"], r["n"]) for r in records]
