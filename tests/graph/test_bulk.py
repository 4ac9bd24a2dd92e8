"""The bulk path: the rows folded batch by batch as the write path folds them, CSV the importer reads
back unchanged, and an imported store equal to one written through transactions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph.build import build_article_graph
from graph.bulk_csv import CsvWriter, field
from graph.bulk_import import check_empty_target, finish_import, import_csv
from graph.bulk_rows import GraphFold, batch_claims
from graph.connect import open_async_driver
from graph.errors import BulkLoadError, TargetNotEmpty
from graph.launcher import launcher
from graph.model import ArticleGraph
from graph.write import STRONGEST_PER_TYPE
from nlp.records import Kind, RelType
from tests.factories import article, corpus, entity, extraction, relation
from tests.invariants import inconsistencies, stored_graph

JAPAN, INDIA = entity("Japan", Kind.COUNTRY), entity("India", Kind.COUNTRY)


def pact(text: str, url: str | None = None, aliases: tuple[str, ...] = ()) -> ArticleGraph:
    """A graph of one article where Japan (with `aliases`) allies with India."""
    a = article(text, url=url)
    japan = JAPAN.model_copy(update={"aliases": [JAPAN.name, *aliases]})
    return build_article_graph(a, extraction(a, [japan, INDIA], [relation(RelType.ALLIED_WITH, japan, INDIA, text)]))


def test_a_repeated_text_is_a_duplicate_and_a_second_text_at_a_url_is_refused():
    fold = GraphFold()
    first = pact("Japan allied with India.", url="https://example.org/a")
    again = pact("Japan allied with India.", url="https://example.org/a")
    other = pact("Japan allied with India again.", url="https://example.org/a")
    admission = fold.admit([first, again, other])
    assert admission.kept == [first]
    assert admission.duplicates == [again.article.id]
    assert [article_id for article_id, _ in admission.refused] == [other.article.id]
    assert "racegraph ingest" in admission.refused[0][1]


def test_aliases_are_appended_batch_by_batch_and_edges_sum_their_claims():
    fold = GraphFold()
    for graphs in ([pact("Japan allied with India.", aliases=("Nippon",))],
                   [pact("Japan allied with India twice.", aliases=("Japan", "Land of the Rising Sun"))]):
        fold.add_batch(graphs, batch_claims(graphs))
    assert fold.entities[JAPAN.id]["aliases"] == ["Nippon", "Land of the Rising Sun"]
    edge = fold.relations[(RelType.ALLIED_WITH.value, *sorted((JAPAN.id, INDIA.id)))]
    once = 1.0 - (1.0 - 0.0) * (1.0 - 0.9)  # each batch, as ADD_CLAIMS_TO_RELATIONS computes it
    assert (edge["claims"], edge["articles"], edge["confidence"]) == (2, 2, 1.0 - (1.0 - once) * (1.0 - 0.9))
    assert fold.batches == 2
    assert fold.crowded(1) == [] and fold.crowded(0) == sorted((JAPAN.id, INDIA.id))


@pytest.mark.parametrize(
    ("value", "written"),
    [(None, ""), ("", '""'), ('say "no"\nnow', '"say ""no""\nnow"'), (True, "true"), (3, "3"), (0.1, "0.1"),
     ([1, 5], '"1\x1f5"')],
)
def test_fields_are_written_as_the_importer_reads_them(value, written):
    assert field(value) == written


def test_an_array_element_holding_the_delimiter_is_refused():
    with pytest.raises(BulkLoadError, match="array delimiter"):
        field(["a\x1fb"])


def test_a_folder_that_holds_anything_is_refused(tmp_path: Path):
    check_empty_target(tmp_path / "new")
    check_empty_target(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(TargetNotEmpty):
        check_empty_target(tmp_path)


@pytest.mark.integration
def test_an_imported_store_equals_the_store_written_through_transactions(tmp_path: Path, db: Driver, write_graphs):
    graphs = [build_article_graph(a, x) for a, x in corpus(120, seed=7)]
    write_graphs(graphs, batch_size=10)
    expected = stored_graph(db)

    with CsvWriter(tmp_path / "csv") as writer:
        for start in range(0, len(graphs), 10):
            writer.add_batch(writer.fold.admit(graphs[start : start + 10]).kept)
        files = writer.close()
    target = tmp_path / "data"
    import_csv(target, files, "neo4j")
    instance = launcher.start(target, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    try:
        async def finish() -> None:
            driver = open_async_driver(instance.uri, *instance.auth, timeout=120.0)
            try:
                await finish_import(driver, "neo4j", writer.fold.crowded(STRONGEST_PER_TYPE))
            finally:
                await driver.close()

        asyncio.run(finish())
        with GraphDatabase.driver(instance.uri, auth=instance.auth) as driver:
            assert inconsistencies(driver) == []
            assert stored_graph(driver) == expected
    finally:
        launcher.stop(target)
