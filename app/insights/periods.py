"""Calendar periods (ISO weeks, months, quarters) that trends and movers count claims in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from graph.insights import PeriodUnit
from graph.tallies import day_of


class Interval(StrEnum):
    """The length of a period."""

    WEEK = "WEEK"
    MONTH = "MONTH"
    QUARTER = "QUARTER"

    @property
    def unit(self) -> PeriodUnit:
        """The unit Neo4j's `date.truncate` takes for this interval."""
        return _UNITS[self]


_UNITS: dict[Interval, PeriodUnit] = {Interval.WEEK: "week", Interval.MONTH: "month", Interval.QUARTER: "quarter"}


def period_starts(days: Iterable[str], interval: Interval) -> dict[str, date]:
    """Return the first day of the period each of `days` (YYYY[-MM[-DD]]) falls in, each distinct text read
    once (a hub's trend holds thousands of counts on a thousand days); texts that are no date are left out."""
    starts = {}
    for text in set(days):
        day = day_of(text)
        if day is not None:
            starts[text] = period_start(day, interval)
    return starts


def period_start(day: date, interval: Interval) -> date:
    """Return the first day of the period holding `day`: its ISO week's Monday, its month's or its quarter's 1st."""
    if interval is Interval.WEEK:
        return day - timedelta(days=day.weekday())
    if interval is Interval.MONTH:
        return day.replace(day=1)
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def next_start(start: date, interval: Interval) -> date:
    """Return the first day of the period after the one starting on `start`."""
    if interval is Interval.WEEK:
        return start + timedelta(days=7)
    months = 1 if interval is Interval.MONTH else 3
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def previous_start(start: date, interval: Interval) -> date:
    """Return the first day of the period before the one starting on `start`."""
    return period_start(start - timedelta(days=1), interval)


def period_label(start: date, interval: Interval) -> str:
    """Return how a period is named: 2025-W03, 2025-01 or 2025-Q1."""
    if interval is Interval.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if interval is Interval.MONTH:
        return f"{start:%Y-%m}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
