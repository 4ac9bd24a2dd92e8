"""Events: the reports of one fact (subject, type, object) grouped by compatible dates.

A fact reported by several articles is one aggregated edge, its distinct articles counted. Reports of
it months apart are usually different events (a second meeting, a renewed restriction), so the reports
of an edge also group into events: two reports belong to one event when their dates lie within
`window_days` of each other, or of a report between them. A partial date stands for its whole span,
so "2025-07" is compatible with every day of July 2025.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Event:
    """Reports of one fact close enough in time to be one event; undated reports make one event."""

    first_seen: str | None = None
    last_seen: str | None = None
    claims: int = 0
    articles: set[str] = field(default_factory=set)


def date_span(value: str | None) -> tuple[date, date] | None:
    """Return the first and last day a YYYY, YYYY-MM or YYYY-MM-DD date (a timestamp may follow) stands
    for, or None when it is not such a date."""
    match = _DATE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)  # type: ignore[arg-type]
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])  # type: ignore[arg-type]
        return date(year, month, day), date(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        return None


def group_reports(reports: Iterable[tuple[str | None, str]], window_days: int) -> list[Event]:
    """Group the (date, article id) reports of one fact into events, oldest first, undated ones last."""
    dated: list[tuple[date, date, str, str]] = []
    undated = Event()
    for day, article in reports:
        span = date_span(day)
        if span is None:
            undated.claims += 1
            undated.articles.add(article)
        else:
            dated.append((*span, day, article))  # type: ignore[arg-type]
    events: list[Event] = []
    reach = date.min
    for start, end, day, article in sorted(dated):
        if not events or start > reach + timedelta(days=window_days):
            events.append(Event(first_seen=day, last_seen=day))
            reach = end
        event = events[-1]
        if end >= reach:
            reach, event.last_seen = end, day
        event.claims += 1
        event.articles.add(article)
    return events + ([undated] if undated.claims else [])
