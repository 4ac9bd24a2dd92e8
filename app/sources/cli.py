"""`racegraph sources ...`, `racegraph watch` and the URL half of `racegraph ingest`: parse, call the
sources package, print with rich. Registered in app/cli.py, whose helpers it uses when a command runs."""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from app.errors import BadRequest
from app.service import IngestReport, Racegraph
from app.settings import Settings
from app.sources import registry
from app.sources.fetch import Fetcher
from app.sources.items import fetch_article
from app.sources.reasons import Skipped
from app.sources.urls import canonical_url
from app.sources.watch import PollReport, SourceWatcher, watch_forever
from nlp.errors import InputError
from nlp.records import ArticleIn

sources_cli = typer.Typer(help="Feeds, sitemaps and pages that `racegraph watch` polls.", no_args_is_help=True)


@sources_cli.command("add", help="Add a feed (RSS or Atom), sitemap or page URL, polled from the next `watch` on.")
def sources_add(
    url: Annotated[str, typer.Argument(help="The feed's, sitemap's or page's http(s) URL.")],
    name: Annotated[str | None, typer.Option(help="Name shown for the source (default: its URL).")] = None,
    every: Annotated[str, typer.Option(help="Poll interval: 90s, 15m, 2h, 1d (1 minute to 30 days).")] = "15m",
    language: Annotated[str, typer.Option(help="Language kept; items in others are skipped (only en).")] = "en",
) -> None:
    from app.cli import _settings, _with_database, out, run

    settings = _settings()
    _with_database(settings)
    source = run(settings, lambda s: registry.add_source(s, url, name=name, every=every, language=language))
    out.print(f"added source {source['id']}: {source['url']} (every {every}); `racegraph watch` polls it")


@sources_cli.command("list", help="List sources with their last poll, status, counts and last error.")
def sources_list() -> None:
    from app.cli import _settings, _with_database, out, run

    settings = _settings()
    _with_database(settings)
    found = run(settings, registry.list_sources)
    for s in found:  # a block per source rather than a table: readable in a narrow terminal too
        skipped = ", ".join(f"{r}: {n}" for r, n in zip(s["skip_reasons"], s["skip_counts"], strict=True))
        out.print(f"[bold]{s['name']}[/bold] ({s['id']}, every {s['every_seconds']} s) {s['url']}", highlight=False)
        out.print(
            f"  last poll: {s['polled_at'] or 'never'}, status: {s['status']}, items seen: {s['items_seen']}, "
            f"ingested: {s['ingested']}, skipped: {skipped or 'none'}"
            + (f", last error: {s['last_error']}" if s["last_error"] else ""),
            highlight=False, markup=False,
        )
    out.print(f"{len(found)} source(s)")


@sources_cli.command("remove", help="Remove a source by id or URL; the articles it brought stay.")
def sources_remove(key: Annotated[str, typer.Argument(help="The source's id or URL.")]) -> None:
    from app.cli import _settings, _with_database, out, run

    settings = _settings()
    _with_database(settings)
    removed = run(settings, lambda s: registry.remove_source(s, key))
    out.print(f"removed source {removed}")


def print_polls(reports: list[PollReport]) -> None:
    """Print one line per poll: its source, outcome, items seen, ingested and skipped by reason."""
    from app.cli import out

    table = Table("source", "status", "seen", "ingested", "skipped")
    for r in reports:
        skipped = ", ".join(f"{k}: {v}" for k, v in sorted(r.skipped.items()))
        table.add_row(r.url, r.status, str(r.seen), str(len(r.ingested)), skipped)
    out.print(table)
    out.print(f"{len(reports)} source(s) polled, {sum(len(r.ingested) for r in reports)} article(s) ingested")


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def _watch(service: Racegraph, once: bool, progress: Progress) -> list[PollReport]:
    watcher = SourceWatcher(service)
    task = progress.add_task("polling", total=None)

    def polled(report: PollReport) -> None:
        progress.update(task, advance=1, description=f"polled {report.url}: {len(report.ingested)} new")

    if once:
        return await watcher.poll_sources(due_only=False, on_report=polled)
    await watch_forever(watcher, on_report=polled)
    return []  # not reached: watching ends with Ctrl-C or SIGTERM


def watch(
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once now, due or not (others' leases kept), then exit.")
    ] = False,
) -> None:
    """Poll the sources when due and ingest their new items, until stopped; several watchers may run at once."""
    from app.cli import _settings, _with_database, err, run

    settings = _settings()
    _with_database(settings)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    columns = (SpinnerColumn(), TextColumn("{task.completed} source(s) polled; {task.description}"))
    try:
        with Progress(*columns, console=err, transient=True) as progress:
            reports = run(settings, lambda s: _watch(s, once, progress))
    except KeyboardInterrupt:
        err.print("stopped watching")
        return
    print_polls(reports)


async def _fetch_articles(settings: Settings, urls: list[str]) -> list[ArticleIn | InputError]:
    fetcher = Fetcher(settings)
    try:
        async def read(url: str) -> ArticleIn | InputError:
            try:
                return await fetch_article(fetcher, canonical_url(url), language="en")
            except Skipped as exc:
                return InputError(f"{url}: {exc}")

        return list(await asyncio.gather(*(read(url) for url in urls)))
    finally:
        await fetcher.aclose()


def ingest_urls(settings: Settings, urls: list[str]) -> tuple[IngestReport, float]:
    """Fetch each page once and ingest its main text; return the report and the seconds it took."""
    from app.cli import run

    started = datetime.now()

    async def job(service: Racegraph) -> IngestReport:
        return await service.ingest(await _fetch_articles(settings, urls))

    report = run(settings, job)
    return report, (datetime.now() - started).total_seconds()


def is_url(argument: str) -> bool:
    """Return whether an `ingest` argument is a web page rather than a file."""
    return argument.lower().startswith(("http://", "https://"))


def check_urls(arguments: list[str]) -> None:
    """Return when no argument is a URL of another scheme; raise BadRequest naming it otherwise."""
    for argument in arguments:
        if "://" in argument and not is_url(argument):
            raise BadRequest(f"{argument}: only http:// and https:// pages can be fetched")
