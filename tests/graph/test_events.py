"""graph.events groups the reports of one fact into events by compatible dates; no database needed."""

from datetime import date

import pytest

from graph.events import date_span, group_reports


@pytest.mark.parametrize(
    "value, span",
    [
        ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2025-07-26", (date(2025, 7, 26), date(2025, 7, 26))),
        ("2025-07-26T10:00:00Z", (date(2025, 7, 26), date(2025, 7, 26))),
        ("2025-13", None),
        ("2025-02-30", None),
        ("last week", None),
        (None, None),
        # not a date of ours, rather than a whole year read from its first four digits
        ("20250726", None),
        ("2025-7-26", None),
        ("2025-W30", None),
        ("2025-07-26garbage", None),
        ("\u0662\u0660\u0662\u0665", None),  # Arabic-Indic digits
    ],
)
def test_a_partial_date_stands_for_its_whole_span(value, span):
    assert date_span(value) == span


def summary(events) -> list[tuple]:
    return [(e.first_seen, e.last_seen, e.claims, sorted(e.articles)) for e in events]


def reported(*dated: tuple[str | None, str]) -> list[tuple[str | None, str, int]]:
    """(date, article) pairs as reports of one claim each."""
    return [(day, article, 1) for day, article in dated]


def test_reports_within_the_window_are_one_event_with_their_sources_counted():
    reports = [
        ("2025-03-05", "b", 2), ("2025-03-03", "a", 1),  # b holds two claims of the fact
        ("2025-03", "c", 1),  # a month is compatible with each of its days
        ("2025-09-01", "d", 1),  # months later: another event
        (None, "e", 1),  # no date at all: the undated event, last
    ]
    assert summary(group_reports(reports, 30)) == [
        ("2025-03", "2025-03", 4, ["a", "b", "c"]),
        ("2025-09-01", "2025-09-01", 1, ["d"]),
        (None, None, 1, ["e"]),
    ]


def test_each_report_extends_its_event_by_the_window():
    reports = reported(("2025-01-01", "a"), ("2025-01-25", "b"), ("2025-02-20", "c"))
    assert summary(group_reports(reports, 30)) == [("2025-01-01", "2025-02-20", 3, ["a", "b", "c"])]
    assert [e.first_seen for e in group_reports(reports, 20)] == ["2025-01-01", "2025-01-25", "2025-02-20"]
    same_day = reported(("2025-01-01", "a"), ("2025-01-01", "b"), ("2025-01-02", "c"))
    assert [e.claims for e in group_reports(same_day, 0)] == [2, 1]


def test_the_latest_report_is_the_last_seen_even_when_it_ends_with_another():
    # "2025-03" and "2025-03-31" both end on March 31; the later in the sort, the day, is the last seen.
    assert summary(group_reports(reported(("2025-03", "a"), ("2025-03-31", "b")), 30)) == [
        ("2025-03", "2025-03-31", 2, ["a", "b"])
    ]


def test_a_report_vaguer_than_the_window_joins_one_event_and_does_not_chain_others():
    reports = reported(("2025-03-05", "a"), ("2025", "b"), ("2025-12-30", "c"), ("2026-01-20", "d"))
    # The bare year overlaps both 2025 events; it joins the first and keeps them apart.
    assert summary(group_reports(reports, 30)) == [
        ("2025-03-05", "2025-03-05", 2, ["a", "b"]),
        ("2025-12-30", "2026-01-20", 2, ["c", "d"]),
    ]
    # Vague reports that overlap no event make one of their own.
    assert summary(group_reports(reported(("2024", "x"), ("2024", "y"), ("2025-06-01", "z")), 30)) == [
        ("2024", "2024", 2, ["x", "y"]),
        ("2025-06-01", "2025-06-01", 1, ["z"]),
    ]


def test_dates_at_the_end_of_the_calendar_do_not_overflow():
    assert [e.claims for e in group_reports(reported(("9999", "a"), ("9999-12-31", "b")), 3660)] == [2]


def test_no_reports_no_events():
    assert group_reports([], 30) == []
