"""Trends: an entity's claims and sources per period and type; movers: entities whose claim counts changed
most from one period to the next. Pure functions over the counts `graph.insights` reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.insights.periods import Interval, period_label, period_start, period_starts, previous_start
from graph.insights import EntityDayCount, EntityPeriodCount, TypeDayCount
from graph.tallies import day_of


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Claims of one type in one period, and the independent sources (distinct articles) behind them."""

    period: str
    start: date
    type: str
    claims: int
    sources: int


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """Claims of one type in one period, over the whole graph."""

    period: str
    start: date
    type: str
    claims: int


@dataclass(frozen=True, slots=True)
class Mover:
    """An entity's claims in the current period and in the one before."""

    entity_id: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        """Claims gained since the previous period (negative when it lost some)."""
        return self.current - self.previous


def trend_points(counts: Iterable[EntityPeriodCount], interval: Interval) -> list[TrendPoint]:
    """Return the entity's claims and sources per period and type, oldest period first."""
    return [
        TrendPoint(period_label(count.start, interval), count.start, count.type, count.claims, count.sources)
        for count in sorted(counts, key=lambda count: (count.start, count.type))
    ]


def activity_points(counts: Iterable[TypeDayCount], interval: Interval) -> list[PeriodCount]:
    """Return the graph's claims per period and type, oldest period first; a date naming only a month or a year
    counts in the period holding its first day."""
    counts = list(counts)
    starts = period_starts((count.day for count in counts), interval)
    claims: Counter[tuple[date, str]] = Counter()
    for count in counts:
        if count.day in starts:
            claims[starts[count.day], count.type] += count.claims
    return [PeriodCount(period_label(s, interval), s, t, n) for (s, t), n in sorted(claims.items())]


def rank_movers(counts: Iterable[EntityDayCount], current: date, interval: Interval) -> list[Mover]:
    """Return the entities whose claims in the period starting on `current` differ from the period
    before, the largest change (rise or fall) first, then the busiest, then by id."""
    previous = previous_start(current, interval)
    now: Counter[str] = Counter()
    before: Counter[str] = Counter()
    for count in counts:
        day = day_of(count.day)
        start = period_start(day, interval) if day else None
        if start == current:
            now[count.entity] += count.claims
        elif start == previous:
            before[count.entity] += count.claims
    movers = [Mover(e, now[e], before[e]) for e in now.keys() | before.keys() if now[e] != before[e]]
    return sorted(movers, key=lambda m: (-abs(m.change), -m.current, m.entity_id))
