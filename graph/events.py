"""Events: the reports of one fact (subject, type, object) grouped by compatible dates.

A fact reported by several articles is one aggregated edge, its distinct articles counted. Reports of
it months apart are usually different events (a second meeting, a renewed restriction), so the reports
of an edge also group into events: two reports belong to one event when their dates lie within
`window_days` of each other, or of a report between them. A partial date stands for its whole span,
so "2025-07" is compatible with every day of July 2025. A report whose date is vaguer than the window
(a bare year, against a 30-day window) cannot tell two events apart: it joins the first event it
overlaps rather than chaining everything in its span into one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time (ASCII digits only).
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ].*)?)?)?", re.ASCII)

Report = tuple[str | None, str, int]  # (date, article id, claims): one article's claims of a fact on a date


@dataclass
class Event:
    """Reports of one fact close enough in time to be one event; undated reports make one event."""

    first_seen: str | None = None
    last_seen: str | None = None
    claims: int = 0
    articles: set[str] = field(default_factory=set)
    start: date = date.min  # the first day its reports can stand for
    reach: date = date.min  # the last

    def add(self, article: str, claims: int) -> None:
        self.claims += claims
        self.articles.add(article)


def date_span(value: str | None) -> tuple[date, date] | None:
    """Return the first and last day a YYYY, YYYY-MM or YYYY-MM-DD date (a time may follow) stands for,
    or None when it is not such a date."""
    match = _DATE.fullmatch(value or "")
    if match is None:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    try:
        if not month:
            return date(year, 1, 1), date(year, 12, 31)
        if not day:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def group_reports(reports: Iterable[Report], window_days: int) -> list[Event]:
    """Group the reports of one fact into events, oldest first, undated ones last."""
    precise: list[tuple[date, date, str, str, int]] = []
    vague: list[tuple[date, date, str, str, int]] = []
    undated = Event()
    for day, article, claims in reports:
        span = date_span(day)
        if day is None or span is None:
            undated.add(article, claims)
            continue
        start, end = span
        (precise if (end - start).days <= window_days else vague).append((start, end, day, article, claims))
    events: list[Event] = []
    for start, end, day, article, claims in sorted(precise):
        if not events or (start - events[-1].reach).days > window_days:
            events.append(Event(first_seen=day, last_seen=day, start=start, reach=end))
        event = events[-1]
        if end >= event.reach:
            event.reach, event.last_seen = end, day
        event.add(article, claims)
    for start, end, day, article, claims in sorted(vague):
        home = next((e for e in events if e.start <= end and start <= e.reach), None)
        if home is None:
            home = Event(first_seen=day, last_seen=day, start=start, reach=end)
            events.append(home)
            events.sort(key=lambda e: (e.start, e.reach))
        home.add(article, claims)
    return events + ([undated] if undated.claims else [])
