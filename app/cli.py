"""The `racegraph` command: parses arguments, calls `Racegraph`, prints with rich."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from app.auth import Role
from app.bulk_load import bulk_load as run_bulk_load
from app.embedded import embedded_neo4j, ensure_embedded
from app.errors import AppError, BadRequest, Unavailable, to_app_error
from app.exports import FORMATS, export_format, export_subgraph
from app.exports.communities import write_communities_csv
from app.insights.arguments import check_resolution, projection_filter
from app.insights.network import Weight
from app.service import IngestReport, Racegraph, extract_articles
from app.settings import Settings, get_settings
from app.sources.cli import check_urls, ingest_urls, is_url, sources_cli, watch
from app.subgraph_query import parse_query
from graph.bulk_import import check_empty_target
from graph.errors import BulkLoadError, DatabaseUnavailable, LauncherError, TargetNotEmpty
from graph.launcher import launcher
from nlp.errors import InputError
from nlp.load import iter_articles, parse_json_line
from nlp.records import ArticleIn, RelType

T = TypeVar("T")

cli = typer.Typer(help="racegraph: a knowledge graph of the geopolitical AI race.", no_args_is_help=True)
neo4j_cli = typer.Typer(help="Manage the embedded Neo4j (not used when NEO4J_URI is set).", no_args_is_help=True)
cli.add_typer(neo4j_cli, name="neo4j")
keys_cli = typer.Typer(help="Manage API keys (stored hashed; the secret is shown once).", no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")
cli.add_typer(sources_cli, name="sources")
cli.command("watch")(watch)

out = Console()
err = Console(stderr=True)


def fail(exc: BaseException) -> typer.Exit:
    """Print one line on stderr for `exc` and return the Exit with its code."""
    error = to_app_error(exc)
    if isinstance(exc, LauncherError):
        error = AppError(str(exc))
    if isinstance(exc, DatabaseUnavailable):  # our own words: the operator learns it is Neo4j, and where
        error = Unavailable(str(exc))
    if error is None:
        logging.getLogger(__name__).exception("unexpected error")
        error = AppError("unexpected error (run with RACEGRAPH_LOG_LEVEL=DEBUG for details)")
    err.print(f"[red]error:[/red] {error}", highlight=False)
    return typer.Exit(error.exit_code)


def run(settings: Settings, job: Callable[[Racegraph], Awaitable[T]]) -> T:
    """Run `job` with a service connected per the settings, mapping errors to an exit."""

    async def main() -> T:
        service = Racegraph(settings)
        try:
            return await job(service)
        finally:
            await service.close()

    try:
        return asyncio.run(main())
    except (AppError, InputError, LauncherError, Exception) as exc:  # noqa: B014 - all map to one line
        raise fail(exc) from exc


def _settings() -> Settings:
    try:
        settings = get_settings()
    except ValueError as exc:
        err.print(f"[red]error:[/red] invalid settings: {exc}", highlight=False)
        raise typer.Exit(2) from exc
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    return settings


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


# --- neo4j -----------------------------------------------------------------

BoltPort = Annotated[int | None, typer.Option(help="Bolt port (default: RACEGRAPH_NEO4J_BOLT_PORT).")]
DataDir = Annotated[Path | None, typer.Option(help="Data folder (default: RACEGRAPH_NEO4J_DATA_DIR).")]


def _local(bolt_port: int | None, data_dir: Path | None) -> Settings:
    settings = _settings()
    updates: dict[str, Any] = {}
    if bolt_port:
        updates["neo4j_bolt_port"] = bolt_port
    if data_dir:
        updates["neo4j_data_dir"] = data_dir
    return settings.model_copy(update=updates)


@neo4j_cli.command("start", help="Build the launcher if needed and start the embedded Neo4j.")
def neo4j_start(bolt_port: BoltPort = None, data_dir: DataDir = None) -> None:
    settings = _local(bolt_port, data_dir)
    try:
        launcher.build_launcher()
        instance = launcher.start(
            settings.neo4j_data_dir,
            bolt_port=settings.neo4j_bolt_port,
            heap=settings.neo4j_heap,
            pagecache=settings.neo4j_pagecache,
            timeout=settings.neo4j_start_timeout,
        )
    except LauncherError as exc:
        raise fail(exc) from exc
    out.print(f"Neo4j ready at {instance.uri} (pid {instance.pid}, data in {instance.data_dir})")


@neo4j_cli.command("stop", help="Stop the embedded Neo4j of a data folder.")
def neo4j_stop(data_dir: DataDir = None) -> None:
    settings = _local(None, data_dir)
    stopped = launcher.stop(settings.neo4j_data_dir)
    out.print("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_cli.command("status", help="Tell whether the embedded Neo4j of a data folder runs (exit 1 if not).")
def neo4j_status(data_dir: DataDir = None) -> None:
    settings = _local(None, data_dir)
    instance = launcher.status(settings.neo4j_data_dir)
    if instance is None:
        out.print(f"Neo4j is not running (data folder {settings.neo4j_data_dir})")
        raise typer.Exit(1)
    out.print(f"Neo4j running at {instance.uri} (pid {instance.pid}, data in {instance.data_dir})")


# --- graph -----------------------------------------------------------------


def _with_database(settings: Settings) -> None:
    try:
        if ensure_embedded(settings):
            err.print(f"started the embedded Neo4j at {settings.bolt_uri}; `racegraph neo4j stop` stops it")
    except LauncherError as exc:
        raise fail(exc) from exc


@cli.command(help="Apply pending schema migrations.")
def migrate() -> None:
    settings = _settings()
    _with_database(settings)
    applied = run(settings, lambda s: s.migrate())
    out.print(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none pending'}")


def print_report(report: IngestReport, seconds: float) -> None:
    """Print the summary of an ingest run."""
    table = Table(show_header=False, box=None)
    table.add_row("ingested", str(len(report.ingested)))
    table.add_row("skipped as duplicate", str(len(report.duplicates)))
    table.add_row("replaced (same URL, new text)", str(len(report.replaced)))
    table.add_row("failed", str(len(report.failed)))
    table.add_row("claims written", str(report.claims))
    if report.dropped:
        table.add_row("relations dropped", ", ".join(f"{k}: {v}" for k, v in sorted(report.dropped.items())))
    rate = len(report.ingested) / seconds if seconds else 0.0
    table.add_row("time", f"{seconds:.1f} s ({rate:.1f} articles/s)")
    out.print(table)
    for _input, reason in report.failed:
        err.print(f"[yellow]skipped[/yellow] {reason}", highlight=False)


def ingest_paths(
    settings: Settings,
    paths: list[Path],
    *,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
) -> IngestReport:
    """Ingest files and folders with a progress bar; print the summary; return the report."""
    items = list(iter_articles(paths, title=title, published=published, url=url))
    total = sum(isinstance(i, ArticleIn) for i in items)
    started = datetime.now()
    columns = (
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.speed} art/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        report = run(
            settings,
            lambda s: s.ingest(
                items, workers=workers, batch_size=batch_size, progress=lambda n: bar.advance(task, n)
            ),
        )
    print_report(report, (datetime.now() - started).total_seconds())
    return report


@cli.command(help="Extract and store articles from .txt/.md/.html/.json/.jsonl files and folders, or web pages.")
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) page URLs (fetched once).")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for undated articles.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of a single text file (default: its first line).")] = None,
    url: Annotated[str | None, typer.Option(help="URL of a single text file.")] = None,
    workers: Annotated[int | None, typer.Option(help="NLP worker processes.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per transaction.")] = None,
) -> None:
    settings = _settings()
    day = _parse_date(published)
    if (title or url) and len(paths) != 1:
        raise fail(BadRequest("--title and --url apply to a single file"))
    try:
        check_urls(paths)
    except BadRequest as exc:
        raise fail(exc) from exc
    files, pages = [Path(p) for p in paths if not is_url(p)], [p for p in paths if is_url(p)]
    _with_database(settings)
    reports = []
    if files:
        reports.append(ingest_paths(
            settings, files, published=day, title=title, url=url, workers=workers, batch_size=batch_size
        ))
    if pages:
        report, seconds = ingest_urls(settings, pages)
        print_report(report, seconds)
        reports.append(report)
    if any(r.failed for r in reports) and not any(r.ingested or r.duplicates for r in reports):
        raise typer.Exit(2)


@cli.command(
    "bulk-load",
    help="Load a first corpus into a new, empty data folder through neo4j-admin import: the graph `ingest` would "
    "build (see BENCHMARKS.md for when it is faster). Start it with `racegraph neo4j start --data-dir DIR`.",
)
def bulk_load(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (.jsonl, .json, .txt, .md, .html).")],
    data_dir: Annotated[Path, typer.Option(help="A new or empty folder for the database (never an existing one).")],
    workers: Annotated[int | None, typer.Option(help="NLP worker processes.")] = None,
    batch_size: Annotated[
        int | None, typer.Option(help="Articles per batch, as ingest's transactions (the same graph either way).")
    ] = None,
    import_memory: Annotated[str, typer.Option(help="Off-heap memory neo4j-admin import may use, e.g. 1g.")] = "1g",
) -> None:
    settings = _settings()
    started = datetime.now()
    try:
        check_empty_target(data_dir)
        items = list(iter_articles(paths))
        total = sum(isinstance(i, ArticleIn) for i in items)
        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
            task = bar.add_task("extract", total=total)
            report = asyncio.run(run_bulk_load(
                settings, items, data_dir, workers=workers, batch_size=batch_size, import_memory=import_memory,
                progress=lambda n: bar.advance(task, n),
            ))
    except TargetNotEmpty as exc:
        raise fail(BadRequest(str(exc))) from exc
    except (BulkLoadError, LauncherError) as exc:
        raise fail(AppError(str(exc))) from exc
    except Exception as exc:
        raise fail(exc) from exc
    print_report(report, (datetime.now() - started).total_seconds())
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
    out.print(f"loaded into {data_dir} ({phases}); start it with `racegraph neo4j start --data-dir {data_dir}`")
    if report.failed and not report.ingested:
        raise typer.Exit(2)


@cli.command("delete-article", help="Remove an article and its claims; entities left with none go too.")
def delete_article(article_id: Annotated[str, typer.Argument(help="Article id.")]) -> None:
    settings = _settings()
    _with_database(settings)
    run(settings, lambda s: s.delete_article(article_id))
    out.print(f"deleted article {article_id}")


@cli.command(
    "merge-entities",
    help="Merge entity MERGE into KEEP: aliases united, claims moved, MERGE's id redirected to KEEP.",
)
def merge_entities(
    keep: Annotated[str, typer.Argument(help="Id or canonical name of the entity to keep.")],
    merge: Annotated[str, typer.Argument(help="Id or canonical name of the entity merged into it.")],
) -> None:
    settings = _settings()
    _with_database(settings)
    merged = run(settings, lambda s: s.merge_entities(keep, merge))
    outcome = merged.properties
    out.print(
        f"merged {outcome['merged_id']} into {merged.id} ({merged.name}): {outcome['moved']} claim(s) moved, "
        f"{outcome['deleted']} dropped as self-loops or repeats; aliases: {', '.join(merged.aliases)}"
    )


@cli.command(help="Print node and edge counts.")
def stats() -> None:
    settings = _settings()
    _with_database(settings)
    counts = run(settings, lambda s: s.counts())
    out.print_json(data=asdict(counts))


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@cli.command(help="Serve the API and GraphiQL (starts the embedded Neo4j if needed, stops it on exit).")
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    load: Annotated[list[Path] | None, typer.Option(help="Files or folders to ingest before serving.")] = None,
    watch_sources: Annotated[
        bool, typer.Option("--watch", help="Also poll the sources when due, in the server (see `racegraph watch`).")
    ] = False,
) -> None:
    from app.http_server import run_server

    settings = _settings()
    settings = settings.model_copy(update={
        "host": host or settings.host, "port": port or settings.port,
        "watch_sources": watch_sources or settings.watch_sources,
    })
    # uvicorn shuts down on SIGTERM, then raises the signal again; with Python's default handler the
    # process would die there, before the embedded Neo4j it started is stopped.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with embedded_neo4j(settings):
            if load:
                ingest_paths(settings, load)
            out.print(f"serving on http://{settings.host}:{settings.port}  (GraphiQL at /graphql)")
            out.print(
                "follow a feed: `racegraph sources add URL`, then `racegraph watch` (or serve with --watch); "
                f"sources at http://{settings.host}:{settings.port}/sources"
                + ("  [watching]" if settings.watch_sources else ""),
                highlight=False,
            )
            run_server(settings)
    except LauncherError as exc:
        raise fail(exc) from exc


# --- API keys ----------------------------------------------------------------


@keys_cli.command("create", help="Create a key with a role: reader < ingester < admin.")
def keys_create(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    role: Annotated[str, typer.Option(help="reader, ingester or admin.")] = "reader",
) -> None:
    if role.upper() not in Role.__members__:
        raise fail(BadRequest(f"role must be one of reader, ingester, admin (got {role!r})"))
    settings = _settings()
    _with_database(settings)

    async def create(service: Racegraph) -> tuple[str, str]:
        await service.ensure_schema(settings.db_timeout)
        return await service.create_key(name, Role[role.upper()])

    key_id, secret = run(settings, create)
    out.print(f"created key {key_id} ({role}) for {name}; send it as the X-API-Key header. It is shown only now:")
    out.print(secret, highlight=False)


@keys_cli.command("list", help="List keys (never their secrets).")
def keys_list() -> None:
    settings = _settings()
    _with_database(settings)
    table = Table("id", "name", "role", "created", "revoked")
    for key in run(settings, lambda s: s.list_keys()):
        table.add_row(key["id"], key["name"], key["role"], key["created_at"], "yes" if key["revoked"] else "")
    out.print(table)


@keys_cli.command("revoke", help="Revoke a key by id.")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="Key id (from `keys list`).")]) -> None:
    settings = _settings()
    _with_database(settings)
    run(settings, lambda s: s.revoke_key(key_id))
    out.print(f"revoked key {key_id}")


@cli.command(help="Export the subgraph around seeds, as GET /api/subgraph does: " + ", ".join(FORMATS) + ".")
def export(
    seed: Annotated[
        list[str] | None, typer.Option("--seed", "-s", help="Entity id or canonical name (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: " + ", ".join(FORMATS) + ".")] = "json",
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, or - for stdout.")] = "-",
    depth: Annotated[int | None, typer.Option(help="Hops from the seeds, 1-3 (default 2).")] = None,
    types: Annotated[str | None, typer.Option(help="Relation types to follow, comma-separated (default all).")] = None,
    since: Annotated[str | None, typer.Option(help="Keep edges seen on or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Keep edges seen on or before YYYY[-MM[-DD]].")] = None,
    min_claims: Annotated[int | None, typer.Option(help="Keep edges with at least this many claims.")] = None,
    max_nodes: Annotated[int | None, typer.Option(help="Stop adding nodes past this many (default 2000).")] = None,
    communities: Annotated[
        bool, typer.Option("--communities", help="Write every entity with its community id as CSV instead (no seeds).")
    ] = False,
    resolution: Annotated[float, typer.Option(help="Leiden resolution of --communities, (0, 10].")] = 1.0,
) -> None:
    settings = _settings()
    if communities:
        _export_communities(settings, output, types, since, until, min_claims or 1, resolution, bool(seed))
        return
    if not seed:
        raise fail(BadRequest("give at least one --seed, or --communities"))
    given = {
        "depth": depth, "types": types, "since": since, "until": until, "minClaims": min_claims,
        "maxNodes": max_nodes,
    }
    try:
        export_format(fmt)
        query = parse_query({"seed": seed, **{k: [str(v)] for k, v in given.items() if v is not None}})
    except AppError as exc:
        raise fail(exc) from exc
    _with_database(settings)
    exported = run(settings, lambda s: export_subgraph(s, query, fmt))
    _write_export(output, exported.body, fmt)


def _write_export(output: str, body: bytes, what: str) -> None:
    """Write an export to the file `output`, or to stdout for -."""
    if output == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(body)
        err.print(f"wrote {output} ({what}, {len(body):,} bytes)")


def _export_communities(
    settings: Settings, output: str, types: str | None, since: str | None, until: str | None, min_claims: int,
    resolution: float, seeded: bool,
) -> None:
    """Write the communities of the projection the options choose as CSV, as GraphQL `communities` finds them."""
    if seeded:
        raise fail(BadRequest("--communities covers every entity: leave out --seed"))
    chosen = types.split(",") if types else [t.value for t in RelType]

    async def job(service: Racegraph) -> bytes:
        try:
            where = projection_filter(service, chosen, since, until, None, min_claims)
        except ValueError as exc:
            raise BadRequest(f"unknown relation type in {types!r}") from exc
        partition = await service.insights.partition(where, Weight.SOURCES, check_resolution(resolution))
        return write_communities_csv(partition)

    _with_database(settings)
    _write_export(output, run(settings, job), "communities csv")


# --- extraction --------------------------------------------------------------


def _read_lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from sys.stdin
    else:
        with open(path, encoding="utf-8", errors="replace") as handle:
            yield from handle


def _valid_articles(lines: Iterator[str], name: str, problems: list[str]) -> Iterator[ArticleIn]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_json_line(line, f"{name}:{number}")
        except InputError as exc:
            problems.append(str(exc))
            err.print(f"[yellow]skipped[/yellow] {exc}", highlight=False)


@cli.command(help="Extract entities and relations from JSON lines (no database needed).")
def extract(
    input: Annotated[str, typer.Option("--input", "-i", help="JSONL file, or - for stdin.")] = "-",
    output: Annotated[str, typer.Option("--output", "-o", help="JSONL file, or - for stdout.")] = "-",
    workers: Annotated[int, typer.Option(help="NLP worker processes.")] = 1,
) -> None:
    settings = _settings()
    if input != "-" and not Path(input).is_file():
        raise fail(BadRequest(f"{input}: no such file"))
    problems: list[str] = []
    written = 0
    sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        articles = _valid_articles(_read_lines(input), input if input != "-" else "stdin", problems)
        for extraction in extract_articles(settings.spacy_model, articles, workers):
            sink.write(extraction.model_dump_json(exclude={"extractor_version"}) + "\n")
            written += 1
    finally:
        if sink is not sys.stdout:
            sink.close()
    err.print(f"extracted {written} article(s), skipped {len(problems)} bad line(s)")
    if problems and not written:
        raise typer.Exit(2)


@cli.command("eval", help="Score the extractor on a folder of gold files (see the gold-set guideline).")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json files.")],
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also print each miss, false positive and wrong date with its evidence."),
    ] = False,
) -> None:
    from nlp.evaluate import load_gold, score

    settings = _settings()
    if not gold_dir.is_dir():
        raise fail(BadRequest(f"{gold_dir}: no such folder"))
    articles = load_gold(gold_dir)
    predictions = {x.id: x for x in extract_articles(settings.spacy_model, articles)}
    result = score(gold_dir, predictions)
    if errors:
        for e in [*result["errors"], *result["date_errors"]]:
            gold_date = f" (gold {e['gold_date']})" if "gold_date" in e else ""
            out.print(
                f"[bold]{e['error']}[/bold] {e['article']}: {e['type']} {e['subject']} -> {e['object']} "
                f"[{e['date'] or '-'}]{gold_date}\n    {e['evidence']}",
                highlight=False,
                markup=True,
            )
    table = Table("relations", "P", "R", "F1", "tp", "fp", "fn")
    for name, row in [("all", result["relations"]), *result["by_type"].items()]:
        table.add_row(name, *(f"{row[k]:.3f}" for k in ("p", "r", "f1")), *(str(row[k]) for k in ("tp", "fp", "fn")))
    out.print(table)
    ent = result["entities"]
    out.print(
        f"entities P={ent['p']:.3f} R={ent['r']:.3f} F1={ent['f1']:.3f}   "
        f"date accuracy={result['date_accuracy']:.3f}   articles={result['articles']}"
    )


def main() -> None:
    """Console-script entry point."""
    cli()
