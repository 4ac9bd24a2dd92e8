"""Charts of claims over time: what a chart URL asks for, and counts per period and type stacked into
one series per type over every period in between (a gap shows as zero, not as a missing bar)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import BadRequest
from app.insights.periods import Interval, next_start, period_label
from app.subgraph_query import DATE_PATTERN, validation_message
from nlp.records import RelType

MAX_PERIODS = 120
"""Most periods a chart shows, the latest kept: ten years of months (one claim dated long ago would
otherwise stretch the axis over decades of empty bars)."""


class ChartKind(StrEnum):
    """What a chart counts: one entity's claims (`trend`) or the whole graph's (`activity`)."""

    TREND = "trend"
    ACTIVITY = "activity"


class ChartQuery(BaseModel):
    """The parameters of a chart URL."""

    model_config = ConfigDict(extra="forbid")

    kind: ChartKind = Field(ChartKind.ACTIVITY, description="trend: one entity's claims; activity: the graph's.")
    entity: str | None = Field(None, description="The entity (id or name) of a trend chart.")
    types: list[RelType] = Field(default_factory=list, description="Relation types (all when empty).")
    interval: Interval = Field(Interval.MONTH, description="WEEK, MONTH or QUARTER.")
    since: str | None = Field(None, pattern=DATE_PATTERN, description="Claims dated on or after this day.")
    until: str | None = Field(None, pattern=DATE_PATTERN, description="Claims dated on or before this day.")
    theme: Literal["light", "dark"] = Field("light", description="Colour theme.")

    @field_validator("types", mode="before")
    @classmethod
    def split_types(cls, value: object) -> object:
        """Accept `types=A,B` as well as repeated `types=A&types=B`."""
        if isinstance(value, list):
            return [t.strip() for item in value for t in str(item).split(",") if t.strip()]
        return value

    def chosen_types(self) -> frozenset[RelType]:
        """Return the relation types counted: those asked for, else all."""
        return frozenset(self.types or RelType)

    def url_params(self) -> dict[str, str | list[str] | None]:
        """Return the URL parameters that ask for this chart (defaults left out)."""
        values = self.model_dump(mode="json", exclude_defaults=True)
        if self.types:
            values["types"] = ",".join(t.value for t in self.types)
        return values


def parse_chart_query(params: Mapping[str, Sequence[str]]) -> ChartQuery:
    """Return the chart a URL's parameters ask for; raise BadRequest naming what is wrong."""
    values: dict[str, object] = {key: list(found) if key == "types" else found[-1] for key, found in params.items()}
    try:
        query = ChartQuery.model_validate(values)
    except ValidationError as exc:
        raise BadRequest(validation_message(exc)) from None
    if query.kind is ChartKind.TREND and not query.entity:
        raise BadRequest("entity: a trend chart needs an entity (id or name)")
    if query.since and query.until and query.since > query.until:
        raise BadRequest(f"since ({query.since}) is after until ({query.until})")
    return query


class Counted(Protocol):
    """Claims of one type in the period starting on `start` (a trend point or a period count)."""

    @property
    def start(self) -> date: ...
    @property
    def type(self) -> str: ...
    @property
    def claims(self) -> int: ...


@dataclass(frozen=True, slots=True)
class StackedSeries:
    """Period labels, oldest first, and for each type (in RelType order) its claims in each period."""

    periods: list[str]
    series: dict[str, list[int]]

    def as_dict(self) -> dict[str, object]:
        """Return `{periods, series: [{type, claims}], total}`."""
        series = [{"type": t, "claims": claims} for t, claims in self.series.items()]
        return {"periods": self.periods, "series": series, "total": sum(sum(c) for c in self.series.values())}


def stack(points: Iterable[Counted], interval: Interval) -> StackedSeries:
    """Return the points as one series per type over every period from the first to the last (at most
    MAX_PERIODS, the latest)."""
    found = {(p.start, p.type): p.claims for p in points}
    if not found:
        return StackedSeries([], {})
    starts = [min(start for start, _ in found)]
    last = max(start for start, _ in found)
    while starts[-1] < last:
        starts.append(next_start(starts[-1], interval))
    starts = starts[-MAX_PERIODS:]
    types = [t.value for t in RelType if any(rel_type == t.value for _, rel_type in found)]
    series = {t: [found.get((start, t), 0) for start in starts] for t in types}
    return StackedSeries([period_label(s, interval) for s in starts], series)
