"""`racegraph bulk-load`: a first load of a corpus into a new database through Neo4j's own bulk import.

The articles go through the ingest path's extraction and graph building (`app.service`) in the same
batches; instead of a transaction per batch, the rows go to CSV (`graph.bulk_csv`), `neo4j-admin
database import` builds the store (`graph.bulk_import`), and then an embedded Neo4j started on it gets
the schema and the strongest-edge lists. The graph then answers as one built by `racegraph ingest`.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.embedded import embedded_neo4j
from app.service import IngestReport, Progress, admitted, graph_batches
from app.settings import Settings
from graph.bulk_csv import CsvWriter
from graph.bulk_import import check_empty_target, finish_import, import_csv
from graph.connect import open_async_driver
from graph.launcher import launcher
from graph.write import STRONGEST_PER_TYPE
from nlp.errors import InputError
from nlp.records import ArticleIn


@dataclass
class BulkLoadReport(IngestReport):
    """What a bulk load did, as an ingest reports it, with the seconds of each phase."""

    seconds: dict[str, float] = field(default_factory=dict)  # by phase, in order


def embedded_settings(settings: Settings, data_dir: Path) -> Settings:
    """Return `settings` for an embedded Neo4j of `data_dir` on a free port, whatever NEO4J_URI says."""
    return settings.model_copy(update={
        "neo4j_uri": None, "neo4j_password": None, "neo4j_data_dir": data_dir.resolve(),
        "neo4j_bolt_port": launcher.free_port(),
    })


async def bulk_load(
    settings: Settings,
    items: Iterable[ArticleIn | InputError],
    data_dir: Path,
    *,
    workers: int | None = None,
    batch_size: int | None = None,
    import_memory: str = "1g",
    progress: Progress | None = None,
) -> BulkLoadReport:
    """Extract `items` and load them into a new database in `data_dir`, which must be missing or empty;
    return what was loaded. The graph equals the one `Racegraph.ingest` with the same batch size builds
    from the same input, except that a second text at a URL is refused (ingest would replace the
    first). Raises TargetNotEmpty before any work when `data_dir` holds anything, BulkLoadError when
    the import fails."""
    check_empty_target(data_dir)
    report = BulkLoadReport()
    articles = admitted(settings, items, report)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="racegraph-bulk-") as folder:
        with CsvWriter(Path(folder)) as writer:
            async for graphs in graph_batches(
                settings.spacy_model, articles, workers or settings.workers, batch_size or settings.batch_size,
                report,
            ):
                admission = writer.fold.admit(graphs)
                writer.add_batch(admission.kept)
                report.written += [g.article.id for g in admission.kept]
                report.duplicates += admission.duplicates
                report.failed += admission.refused
                if progress:
                    progress(len(graphs))
            files = writer.close()
        report.claims, report.entities = writer.claims, len(writer.fold.entities)
        report.seconds["extraction and CSV"] = time.perf_counter() - started
        report.seconds["import"] = await asyncio.to_thread(
            import_csv, data_dir, files, settings.neo4j_database, memory=import_memory
        )
    started = time.perf_counter()
    await finish(embedded_settings(settings, data_dir), writer.fold.crowded(STRONGEST_PER_TYPE))
    report.seconds["start, schema, strongest lists"] = time.perf_counter() - started
    return report


async def finish(settings: Settings, crowded: list[str]) -> None:
    """Start the embedded Neo4j of the imported data folder, give it what the transactional path
    maintains (`graph.bulk_import.finish_import`), and stop it."""
    with embedded_neo4j(settings):
        driver = open_async_driver(
            settings.bolt_uri, settings.neo4j_user, settings.neo4j_secret(), timeout=settings.db_timeout
        )
        try:
            await finish_import(driver, settings.neo4j_database, crowded)
        finally:
            await driver.close()
