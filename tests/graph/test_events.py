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
        ("last week", None),
        (None, None),
    ],
)
def test_a_partial_date_stands_for_its_whole_span(value, span):
    assert date_span(value) == span


def summary(events) -> list[tuple]:
    return [(e.first_seen, e.last_seen, e.claims, sorted(e.articles)) for e in events]


def test_reports_within_the_window_are_one_event_with_their_sources_counted():
    reports = [
        ("2025-03-05", "b"), ("2025-03-03", "a"), ("2025-03-05", "b"),  # one article can hold two claims
        ("2025-03", "c"),  # a month is compatible with each of its days
        ("2025-09-01", "d"),  # months later: another event
        (None, "e"),  # no date at all: the undated event, last
    ]
    assert summary(group_reports(reports, 30)) == [
        ("2025-03", "2025-03", 4, ["a", "b", "c"]),
        ("2025-09-01", "2025-09-01", 1, ["d"]),
        (None, None, 1, ["e"]),
    ]


def test_each_report_extends_its_event_by_the_window():
    reports = [("2025-01-01", "a"), ("2025-01-25", "b"), ("2025-02-20", "c")]
    assert summary(group_reports(reports, 30)) == [("2025-01-01", "2025-02-20", 3, ["a", "b", "c"])]
    assert [e.first_seen for e in group_reports(reports, 20)] == ["2025-01-01", "2025-01-25", "2025-02-20"]
    assert [e.claims for e in group_reports([("2025-01-01", "a"), ("2025-01-01", "b"), ("2025-01-02", "c")], 0)] == [
        2, 1,
    ]


def test_no_reports_no_events():
    assert group_reports([], 30) == []
