"""graph.batch_rows: the rows a batch of new articles sends, built ahead of its transaction; no database needed."""

from graph.batch_rows import Rows, batch_rows
from graph.build import build_article_graph
from nlp.records import Kind, RelType
from tests.factories import article, entity, extraction, relation

US = entity("United States", Kind.COUNTRY)
JAPAN = entity("Japan", Kind.COUNTRY)
NVIDIA = entity("Nvidia", Kind.ORGANIZATION)


def test_a_batch_sends_each_entity_once_and_each_type_of_edge_increment_apart():
    a = article("The United States and Japan are allies. The United States restricted Nvidia.", published="2025-03-01")
    b = article("Japan and the United States reaffirmed their alliance.", published="2025-03-02")
    graphs = [
        build_article_graph(a, extraction(a, [US, JAPAN, NVIDIA], [
            relation(RelType.ALLIED_WITH, US, JAPAN, a.text), relation(RelType.RESTRICTED, US, NVIDIA, a.text)])),
        build_article_graph(b, extraction(b, [US, JAPAN], [relation(RelType.ALLIED_WITH, JAPAN, US, b.text)])),
    ]
    rows = batch_rows(graphs)
    assert [r["id"] for r in rows.articles] == [g.article.id for g in graphs]
    assert sorted(r["id"] for r in rows.entities) == sorted({US.id, JAPAN.id, NVIDIA.id})
    assert len(rows.claims.claims) == 3
    relations = rows.claims.relations
    assert {t: [(r["claims"], r["articles"]) for r in type_rows] for t, type_rows in relations.items()} == {
        "ALLIED_WITH": [(2, 2)], "RESTRICTED": [(1, 1)]
    }
    # Each entity end of each claim, on its day: the US's alliance tally on 1 March and on 2 March.
    us_allied = [
        (r["day"], r["articles"]) for r in rows.claims.tallies if (r["entity_id"], r["type"]) == (US.id, "ALLIED_WITH")
    ]
    assert us_allied == [("2025-03-01", [graphs[0].article.id]), ("2025-03-02", [graphs[1].article.id])]


def test_rows_show_their_number_not_their_content():
    # The driver formats every query's parameters for a debug line even when it is not logged.
    rows = Rows([{"text": "x" * 10_000}, {"text": "y"}])
    assert repr({"rows": rows}) == "{'rows': <2 rows>}"
    assert rows == [{"text": "x" * 10_000}, {"text": "y"}]
