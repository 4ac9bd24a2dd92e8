"""Feeds (RSS 0.9x, 1.0, 2.0 and Atom, read by feedparser) and sitemaps into the items a poll fetches."""

from __future__ import annotations

import calendar
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin

import feedparser

from app.sources.reasons import Reason, Skipped

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


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


def _iso(text: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None
    return when.replace(tzinfo=when.tzinfo or UTC).astimezone(UTC) if when else None


def parse_sitemap(body: bytes, url: str) -> list[FeedItem]:
    """Return the pages of a sitemap `<urlset>` (with Google News titles and dates when given), in order;
    raise Skipped(NOT_A_FEED) for anything else, a sitemap index included (add its sitemaps instead)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise Skipped(Reason.NOT_A_FEED, f"{url}: not XML ({exc})") from exc
    if root.tag != f"{SITEMAP_NS}urlset":
        kind = "a sitemap index: add its sitemaps" if root.tag == f"{SITEMAP_NS}sitemapindex" else "not a sitemap"
        raise Skipped(Reason.NOT_A_FEED, f"{url}: {kind}")
    items = []
    for entry in root.iter(f"{SITEMAP_NS}url"):
        loc = (entry.findtext(f"{SITEMAP_NS}loc") or "").strip()
        items.append(
            FeedItem(
                link=urljoin(url, loc) if loc else None,
                title=(entry.findtext(f"{NEWS_NS}news/{NEWS_NS}title") or "").strip() or None,
                published=_iso(entry.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")),
                updated=_iso(entry.findtext(f"{SITEMAP_NS}lastmod")),
            )
        )
    return items


def parse_items(body: bytes, url: str) -> list[FeedItem]:
    """Return the items of a feed or a sitemap; raise Skipped(NOT_A_FEED) when `body` is neither."""
    try:
        return parse_feed(body, url)
    except Skipped as not_feed:
        if not body.lstrip().startswith(b"<"):
            raise
        try:
            return parse_sitemap(body, url)
        except Skipped:
            raise not_feed from None
