"""A web page into an article: main text and metadata by trafilatura, the date by htmldate when hidden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import htmldate
import trafilatura
from trafilatura.settings import Document

from app.sources.reasons import Reason, Skipped

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MIN_TEXT_CHARS = 80
"""A main text shorter than this is a stub (a paywall notice, a cookie wall, a video caption), not news."""


@dataclass(frozen=True)
class Page:
    """What a page says: its main text, title, author and publication date, when they can be found."""

    url: str
    text: str
    title: str | None
    author: str | None
    published: date | None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def extract_page(html: bytes | str, url: str) -> Page:
    """Return the main text and metadata of an HTML page (bytes: its encoding is found from the page);
    raise Skipped(EMPTY_TEXT) when it has no main
    text of at least MIN_TEXT_CHARS characters."""
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    found = extracted if isinstance(extracted, Document) else None  # a dict only when asked with as_dict
    text = (found.text or "").strip() if found else ""
    if found is None or len(text) < MIN_TEXT_CHARS:
        raise Skipped(Reason.EMPTY_TEXT, f"{url}: no main text found ({len(text)} characters)")
    published = _day(found.date) or _day(htmldate.find_date(html, url=url, original_date=True))
    return Page(url=url, text=text, title=found.title or None, author=found.author or None, published=published)


def check_html(content_type: str, url: str) -> None:
    """Return when a response's media type is HTML (or unstated); raise Skipped(WRONG_CONTENT_TYPE)."""
    if content_type and content_type not in HTML_TYPES:
        raise Skipped(Reason.WRONG_CONTENT_TYPE, f"{url}: {content_type}, not HTML")
