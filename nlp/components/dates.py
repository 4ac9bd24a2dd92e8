"""`racegraph_dates`: resolve the DATE mentions of a doc against the publication date.

Only spans the pipeline tagged as DATE are read (free-text parsing turns "we" into a
Wednesday). Relative expressions ("on Saturday", "days earlier", "earlier this month",
"last year", "August last year") are resolved with the lexicon in `nlp/data/dates.jsonl`;
explicit calendar dates go through dateparser with `RELATIVE_BASE` = published. A bare
weekday in news refers to the most recent such day on or before publication, unless the
clause is about the future ("will on Monday agree"). The value keeps only the precision
the text supports: YYYY-MM-DD, YYYY-MM or YYYY; durations ("a three-month pause") are None.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from .lexicon import LexiconPipe, read_jsonl, resolve_data_path
from .resolve import PUBLISHED_ATTR

logger = logging.getLogger(__name__)

VERSION = "racegraph.dates.v5"
DATES_ATTR = "racegraph_dates"
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
DAY_NUMBER = re.compile(r"\b(\d{1,2})(st|nd|rd|th)?\b")
WORD = re.compile(r"[a-z']+|\d+")
# the units a counted span ("three days earlier") moves by
SHIFT_UNITS = ("day", "week", "month", "year")


def _before_reported_subject(span: Span, verb: Token) -> bool:
    """True when `span` stands between a verb of saying and the subject of the clause `verb` heads."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.dep_ == "ccomp" and verb.head.i < span.start and any(c.i >= span.end for c in subjects)


def _shift_month(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _moved(base: date, unit: str, count: int, exact: bool) -> str:
    """Return `base` moved by `count` units (a day for any unit the lexicon adds), as precise as the
    text: a year, a month (for weeks too), the day only when `exact`."""
    if unit == "year":
        return str(base.year + count)
    if unit == "month":
        return _shift_month(base, count).strftime("%Y-%m")
    if unit == "week":
        return (base + timedelta(weeks=count)).strftime("%Y-%m")
    moved = base + timedelta(days=count)
    return moved.isoformat() if exact else moved.strftime("%Y-%m")


class DateResolver(LexiconPipe):
    """Gives each DATE entity a normalised value; see the module docstring."""

    LEXICON = ("terms",)
    DOC_EXTENSIONS = (DATES_ATTR, PUBLISHED_ATTR)

    def _build(self) -> None:
        self._terms: dict[str, dict[str, Any]] = {}
        for term in self.lexicon["terms"]:
            self._terms.setdefault(term["kind"], {})[term["text"]] = term["value"]

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        terms: str = "",
    ) -> None:
        """Load the date vocabulary (weekdays, months, relative words)."""
        self.lexicon = {"terms": list(read_jsonl(resolve_data_path(terms, "dates.jsonl")))}
        self._build()

    def annotate(self, doc: Doc) -> Doc:
        """Return `doc` with `doc._.racegraph_dates` = [[start, end, value or None], ...]."""
        published = doc._.get(PUBLISHED_ATTR)
        base = date.fromisoformat(published) if published else None
        # a time of today ("this afternoon", "tonight") dates its clause too; clock times do not
        spans = [e for e in doc.ents if e.label_ == "DATE" or (e.label_ == "TIME" and self._today(e))]
        values = {e.start: self.resolve(e, base) for e in spans}
        for e in spans:
            if values[e.start] is None:
                values[e.start] = self._days_from_main(e, spans, values)
            values[e.start] = self._counted_from_before(e, spans, values) or values[e.start]
        doc._.set(DATES_ATTR, [[e.start, e.end, values[e.start]] for e in spans])
        return doc

    def _today(self, span: Span) -> bool:
        """True for a part of the publication day: "this afternoon", "tonight"."""
        words = WORD.findall(span.text.lower())
        this_part = self._first("day_part", words) is not None and self._first("relative", words) == 0
        return this_part or bool(self._first("day_offset", words) == 0)

    def _counted_from_before(self, span: Span, spans: list[Span], values: dict[int, str | None]) -> str | None:
        """The day a span counted from another ("two days later", "a day earlier") falls on: the last exact
        day named before it in its sentence ("released X on August 5, and launched Y two days later":
        August 7); None when none is (then the count runs from publication: an earlier sentence's day may
        be a plan's, "set to take effect next Thursday")."""
        words = WORD.findall(span.text.lower())
        count = next((int(w) for w in words if w.isdigit()), None) or self._first("number", words)
        if self._first("unit", words) != "day" or count is None or not {"later", "earlier"} & set(words):
            return None
        before = [values[e.start] for e in spans if span.sent.start <= e.start < span.start]
        day = next((v for v in reversed(before) if v is not None and len(v) == 10), None)
        if day is None:
            return None
        shift = count if "later" in words else -count
        return (date.fromisoformat(day) + timedelta(days=shift)).isoformat()

    def _days_from_main(self, span: Span, spans: list[Span], values: dict[int, str | None]) -> str | None:
        """The day of a clause counted from its main clause's: "landed on Wednesday, two days after the
        department told Nvidia" (Monday), "on Tuesday, a day after the ministry approved" (Monday)."""
        clause = span.root.head
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if span.root.dep_ != "npadvmod" or clause.dep_ != "advcl" or not marks & {"after", "before"}:
            return None
        words = WORD.findall(span.text.lower())
        if self._first("unit", words) != "day":
            return None
        count = next((int(w) for w in words if w.isdigit()), None) or self._first("number", words)
        main = clause.head
        days = [values[e.start] for e in spans if e.root.head == main or e.root.head.head == main]
        day = next((v for v in days if v is not None and len(v) == 10), None)
        if count is None or day is None:
            return None
        shift = -count if "after" in marks else count
        return (date.fromisoformat(day) + timedelta(days=shift)).isoformat()

    def _future(self, span: Span) -> bool:
        future = self._terms.get("future", {})
        if any(t.lower_ == "next" for t in span):
            return True
        node = span.root
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and any(
                c.lower_ in future and c.dep_ == "aux" for c in node.children
            ):
                # "said on Monday it would invest": a day before the reported clause's subject is the
                # saying's, which the parser hangs on the reported verb
                return not _before_reported_subject(span, node)
            if node.lemma_.lower() in future and node.pos_ in ("VERB", "ADJ"):
                return True  # "is due to meet on Friday", "plans to visit on Monday"
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "xcomp":
                break  # "X, which launched it in February, is expected to ...": another clause's future
        return False

    def resolve(self, span: Span, base: date | None) -> str | None:
        """Return the value of one DATE span, or None when it is a duration or cannot be placed."""
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start and comma + 1 < len(span.doc) and not span.doc[comma + 1].like_num:
            span = span.doc[span.start : comma]  # "last December, days after ...": two phrases glued
        text = span.text.lower().replace("’", "'")
        words = WORD.findall(text)
        months = self._terms.get("month", {})
        if re.search(r"\d-(day|week|month|year)|-(day|week|month|year)\b", text) or "annual" in text:
            return None
        iso = ISO.search(text)
        if iso:
            return iso.group(0)
        year_match = YEAR.search(text)
        month = next((months[w] for w in words if w in months and not (w == "may" and len(words) == 1)), None)
        if month is None and "may" in words and len(words) <= 3:
            month = 5
        rel, unit = self._first("relative", words), self._first("unit", words)
        if year_match and month is None:
            return year_match.group(1)
        if month is not None:
            year = int(year_match.group(1)) if year_match else None
            return self._in_month(span, text, month, year, rel, unit, base)
        if base is None:
            return None
        offset = self._first("day_offset", words)
        if offset is not None:
            return (base + timedelta(days=offset)).isoformat()
        weekday = self._first("weekday", words)
        if weekday is not None:
            return self._weekday(span, weekday, rel, base)
        if self._today(span):
            return base.isoformat()
        if unit is not None and rel is not None:
            return _moved(base, unit, rel, exact=True)
        dirn = self._first("direction", words)
        if unit is not None and dirn is not None:
            return self._counted(words, unit, dirn, base)
        if unit is not None or not any(ch.isdigit() for ch in text):
            return None
        return self._parse_explicit(span.text, base)

    def _first(self, kind: str, words: list[str]) -> Any:
        """Return the value of the first of `words` the terms of `kind` know, or None."""
        table = self._terms.get(kind, {})
        return next((table[w] for w in words if w in table), None)

    def _in_month(
        self, span: Span, text: str, month: int, year: int | None, rel: int | None, unit: str | None, base: date | None
    ) -> str | None:
        """Return the day (when the text has one) or the month of a date that names its month, in
        `year`, else in the year `_year_of_month` places it in; None with neither year nor `base`."""
        day = None
        for match in DAY_NUMBER.finditer(text):
            if not YEAR.fullmatch(match.group(1)) and 1 <= int(match.group(1)) <= 31:
                day = int(match.group(1))
        if year is None:
            if base is None:
                return None
            year = self._year_of_month(span, month, day, rel, unit, base)
        if day:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                pass
        return f"{year:04d}-{month:02d}"

    def _year_of_month(
        self, span: Span, month: int, day: int | None, rel: int | None, unit: str | None, base: date
    ) -> int:
        """Return the year of a month named without one: moved by "last year"; the latest such month
        before `base` for "last October" (the first after for "next March"); else the latest on or
        before `base`, or the next in a future clause ("will meet in March")."""
        year = base.year + (rel if rel is not None and unit == "year" else 0)
        if rel is not None and unit is None:
            if rel < 0 and month >= base.month:
                year -= 1
            elif rel > 0 and month <= base.month:
                year += 1
        if rel is None and unit is None:
            candidate = date(year, month, min(day or 1, 28))
            if self._future(span):
                if candidate < base.replace(day=1) and (day is None or candidate < base):
                    year += 1
            elif (month, day or 1) > (base.month, base.day):
                year -= 1
        return year

    def _weekday(self, span: Span, weekday: int, rel: int | None, base: date) -> str:
        """Return the date of a weekday: the one before `base` for "last Monday", the next one on or
        after it for "next Monday" or in a future clause, else the latest on or before it."""
        if rel == -1:
            delta = (base.weekday() - weekday) % 7 or 7
            return (base - timedelta(days=delta)).isoformat()
        if rel == 1 or self._future(span):
            delta = (weekday - base.weekday()) % 7
            return (base + timedelta(days=delta)).isoformat()
        return (base - timedelta(days=(base.weekday() - weekday) % 7)).isoformat()

    def _counted(self, words: list[str], unit: str, dirn: int, base: date) -> str | None:
        """Return `base` moved by a counted span ("three days earlier", "weeks ago": a few when
        uncounted), to the month unless the count of days is exact."""
        count = next((int(w) for w in words if w.isdigit()), None)
        if count is None:
            count = self._first("number", words)
        if unit not in SHIFT_UNITS:
            return None
        return _moved(base, unit, dirn * (count if count is not None else 3), exact=count is not None)

    @staticmethod
    def _parse_explicit(text: str, base: date) -> str | None:
        import dateparser

        settings = {
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        # a model number ("Exynos 2500") parses as a far year: a news date is one the YEAR pattern allows
        if parsed is None or not YEAR.fullmatch(str(parsed.year)):
            return None
        return parsed.date().isoformat()



@Language.factory(
    "racegraph_dates",
    default_config={},
    assigns=[f"doc._.{DATES_ATTR}"],
    requires=["doc.ents"],
)
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """Return a `DateResolver`; its vocabulary is loaded by `initialize()`."""
    return DateResolver(nlp, name)
