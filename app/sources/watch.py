"""Polling sources: take a source's lease, fetch it conditionally, turn its new items into articles through
`Racegraph.ingest`, tie them to the source, record the poll and let the lease go."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.service import Racegraph
from app.sources.feeds import FeedItem, parse_items
from app.sources.fetch import Fetched, Fetcher
from app.sources.items import fetch_article, page_article
from app.sources.pages import HTML_TYPES
from app.sources.reasons import Reason, Skipped
from app.sources.urls import canonical_url
from graph import sources
from graph.connect import UNAVAILABLE_ERRORS
from graph.errors import DatabaseUnavailable
from graph.sources import PollState
from nlp.records import ArticleIn

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
    "text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)


@dataclass
class PollReport:
    """What one poll of one source did."""

    source_id: str
    url: str
    status: str = "ok"  # ok, not_modified or error (the source itself could not be read)
    seen: int = 0  # items in the feed (1 for a page source)
    ingested: list[str] = field(default_factory=list)  # article ids stored now
    skipped: Counter[str] = field(default_factory=Counter)  # items (or the poll) skipped, by Reason
    last_error: str | None = None

    def skip(self, exc: Skipped) -> None:
        log.info("%s: skipped %s", self.url, exc)
        self.count(exc.reason)

    def count(self, reason: Reason, items: int = 1) -> None:
        if items:
            self.skipped[reason.value] += items


def watcher_name() -> str:
    """Return a name for this watcher, unique among processes and machines: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _totals(source: dict[str, Any], skipped: Counter[str]) -> tuple[list[str], list[int]]:
    totals = Counter(dict(zip(source.get("skip_reasons") or [], source.get("skip_counts") or [], strict=True)))
    totals.update(skipped)
    reasons = sorted(totals)
    return reasons, [totals[r] for r in reasons]


def _newer(item: FeedItem, stored_at: datetime) -> bool:
    changed = item.updated or item.published
    return changed is not None and changed > stored_at


class SourceWatcher:
    """Polls the sources of one Neo4j; several watchers (processes or machines) may run against it at once."""

    def __init__(self, service: Racegraph, name: str | None = None) -> None:
        self.service = service
        self.settings = service.settings
        self.name = name or watcher_name()

    async def poll_sources(
        self, *, due_only: bool = True, on_report: Callable[[PollReport], None] | None = None
    ) -> list[PollReport]:
        """Poll each source no other watcher holds (only those due, with `due_only`); return the reports.
        Raise DatabaseUnavailable when Neo4j stops answering: the polls not recorded are simply due again
        once their leases end."""
        await self.service.ensure_schema(self.settings.db_timeout)
        driver, database = self.service.driver, self.service.database
        reports = []
        fetcher = Fetcher(self.settings)
        try:
            for source_id in await sources.pollable_source_ids(driver, database, due_only):
                source = await sources.take_lease(
                    driver, database, source_id, self.name, self.settings.source_lease_seconds, due_only
                )
                if source is None:
                    continue  # another watcher took it first
                report = await self.poll(fetcher, source)
                reports.append(report)
                if on_report:
                    on_report(report)
        finally:
            await fetcher.aclose()
        return reports

    async def poll(self, fetcher: Fetcher, source: dict[str, Any]) -> PollReport:
        """Poll one source this watcher holds, keeping its lease while the poll runs, record the outcome on it
        and let it go; return the report."""
        holding = asyncio.create_task(self._hold(source))
        try:
            return await self._poll(fetcher, source)
        finally:
            holding.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await holding

    async def _hold(self, source: dict[str, Any]) -> None:
        """Renew the lease every third of its length until cancelled, so that a poll longer than the lease
        (slow pages, a big feed) is not taken over by a second watcher halfway."""
        seconds = self.settings.source_lease_seconds
        while True:
            await asyncio.sleep(seconds / 3)
            try:
                held = await sources.renew_lease(
                    self.service.driver, self.service.database, source["id"], self.name, seconds
                )
            except UNAVAILABLE_ERRORS as exc:  # Neo4j down: the poll's own writes fail and say so
                log.warning("%s: could not renew the lease: %s", source["url"], exc)
                continue
            if not held:
                log.warning("%s: another watcher took the source before its lease was renewed", source["url"])
                return

    async def _poll(self, fetcher: Fetcher, source: dict[str, Any]) -> PollReport:
        report = PollReport(source_id=source["id"], url=source["url"])
        etag, last_modified = source.get("etag"), source.get("last_modified")
        try:
            fetched = await fetcher.get(source["url"], etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
            if fetched.not_modified:
                report.status = "not_modified"
            else:
                etag, last_modified = fetched.etag, fetched.last_modified
                await self._ingest(fetcher, source, fetched, report)
        except Skipped as exc:
            report.skip(exc)
            report.status, report.last_error = "error", str(exc)
        reasons, counts = _totals(source, report.skipped)
        state = PollState(
            etag=etag, last_modified=last_modified, status=report.status, last_error=report.last_error,
            seen=report.seen, ingested=len(report.ingested), skip_reasons=reasons, skip_counts=counts,
        )
        if not await sources.finish_poll(self.service.driver, self.service.database, source["id"], self.name, state):
            log.warning("%s: the lease was lost during the poll (renewals failed)", source["url"])
        return report

    async def _ingest(self, fetcher: Fetcher, source: dict[str, Any], fetched: Fetched, report: PollReport) -> None:
        try:
            items = parse_items(fetched.body, fetched.url)
        except Skipped:
            if fetched.content_type not in HTML_TYPES:
                raise
            items = None  # a page source: the page is its one item
        if items is None:
            report.seen = 1
            articles = [
                await page_article(fetched, source["url"], language=source["language"], source=source["name"])
            ]
        else:
            articles = await self._feed_articles(fetcher, source, items, report)
        if not articles:
            return
        result = await self.service.ingest(articles)
        report.ingested = result.ingested
        report.count(Reason.DUPLICATE_TEXT, len(result.duplicates))
        for _item, why in result.failed:
            log.info("%s: refused %s", report.url, why)
        refused = {item for item, _why in result.failed}
        report.count(Reason.REFUSED, len(refused))
        rows = [{"sha256": a.sha256, "url": a.url or a.id} for a in articles if a.id not in refused]
        await sources.link_articles(self.service.driver, self.service.database, source["id"], rows)

    async def _feed_articles(
        self, fetcher: Fetcher, source: dict[str, Any], items: list[FeedItem], report: PollReport
    ) -> list[ArticleIn]:
        report.seen = len(items)
        limit = self.settings.max_feed_items
        if len(items) > limit:
            report.count(Reason.OVER_ITEM_LIMIT, len(items) - limit)
        wanted: dict[str, FeedItem] = {}
        for item in items[:limit]:
            try:
                if item.link is None:
                    raise Skipped(Reason.NO_LINK, f"item {item.title or '(untitled)'!r} has no link")
                url = canonical_url(item.link)
                if url in wanted:
                    raise Skipped(Reason.DUPLICATE_ITEM, f"{url} is in the feed twice")
            except Skipped as exc:
                report.skip(exc)
                continue
            wanted[url] = item
        stored = await sources.stored_article_urls(
            self.service.driver, self.service.database, list(wanted)
        )
        for url, stored_at in stored.items():
            if not _newer(wanted[url], stored_at):
                del wanted[url]
                report.count(Reason.ALREADY_STORED)

        async def read(url: str, item: FeedItem) -> ArticleIn | None:
            try:
                return await fetch_article(
                    fetcher, url, language=source["language"], title=item.title, published=item.day,
                    source=source["name"],
                )
            except Skipped as exc:
                report.skip(exc)
                return None
            except Exception:  # one page that breaks a library must not end the poll of the others
                log.exception("%s: reading %s failed", report.url, url)
                report.count(Reason.UNREADABLE)
                return None

        # Pages of one host still go one at a time (the fetcher's gate); other hosts' meanwhile.
        found = await asyncio.gather(*(read(url, item) for url, item in wanted.items()))
        return [a for a in found if a is not None]


async def watch_forever(watcher: SourceWatcher, on_report: Callable[[PollReport], None] | None = None) -> None:
    """Poll the due sources every `watch_interval` seconds until cancelled. A round that fails is logged
    and the next one runs: Neo4j down leaves the sources due (their leases end), and nothing else that
    goes wrong in one round may end the watcher of a server."""
    while True:
        try:
            await watcher.poll_sources(on_report=on_report)
        except DatabaseUnavailable as exc:
            log.warning("%s; polling again in %.0f s", exc, watcher.settings.watch_interval)
        except Exception:
            log.exception("a round of polls failed; polling again in %.0f s", watcher.settings.watch_interval)
        await asyncio.sleep(watcher.settings.watch_interval)
