"""Trends: an entity's claims and sources per period and type; movers: entities whose claim counts changed
most from one period to the next. Pure functions over the counts `graph.insights` reads."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.insights.periods import Interval, day_of, period_label, period_start, period_starts, previous_start
from graph.insights import DayCount, EntityDayCount, TypeDayCount


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


def trend_points(counts: Iterable[DayCount], interval: Interval) -> list[TrendPoint]:
    """Return claims and sources per period and type, oldest period first; a date naming only a month or
    a year counts in the period holding its first day."""
    counts = list(counts)
    starts = period_starts((count.day for count in counts), interval)
    claims: Counter[tuple[date, str]] = Counter()
    single: Counter[tuple[date, str]] = Counter()  # articles reporting the entity and type on one day only
    spread: defaultdict[tuple[date, str], set[str]] = defaultdict(set)  # the others, each counted once
    for count in counts:
        start = starts.get(count.day)
        if start is None:
            continue
        key = (start, count.type)
        claims[key] += count.claims
        single[key] += count.sources - len(count.spread)
        spread[key].update(count.spread)
    points = []
    for (start, rel_type), total in sorted(claims.items()):
        sources = single[start, rel_type] + len(spread[start, rel_type])
        points.append(TrendPoint(period_label(start, interval), start, rel_type, total, sources))
    return points


def activity_points(counts: Iterable[TypeDayCount], interval: Interval) -> list[PeriodCount]:
    """Return the graph's claims per period and type, oldest period first (dates read as in `trend_points`)."""
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
