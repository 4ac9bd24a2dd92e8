"""Feeds (RSS 0.9x, 1.0, 2.0 and Atom, read by feedparser) into the items a poll fetches."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin

import feedparser

from app.sources.reasons import Reason, Skipped


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: its link as given (made absolute), title and dates, when it has them."""

    link: str | None
    title: str | None
    published: datetime | None
    updated: datetime | None

    @property
    def day(self) -> date | None:
        """The day the item was published (else last updated), or None."""
        when = self.published or self.updated
        return when.date() if when else None


def _when(parsed: time.struct_time | None) -> datetime | None:
    # feedparser gives UTC struct_time; timegm reads it as UTC (mktime would take local time).
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """Return the items of an RSS or Atom document, in feed order; raise Skipped(NOT_A_FEED) when `body`
    is no feed feedparser knows. Bytes, never a string: feedparser fetches a string that looks like a URL."""
    parsed = feedparser.parse(body, sanitize_html=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise Skipped(Reason.NOT_A_FEED, f"{url}: not an RSS or Atom feed" + (f" ({problem})" if problem else ""))
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        items.append(
            FeedItem(
                link=urljoin(url, link) if link else None,
                title=(entry.get("title") or "").strip() or None,
                # dict.get: feedparser's own get() stands one date in for the other when it is missing.
                published=_when(dict.get(entry, "published_parsed")),
                updated=_when(dict.get(entry, "updated_parsed")),
            )
        )
    return items
