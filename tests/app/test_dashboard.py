"""The home page as a dashboard (counts, claims per month by type, newest claims, movers, blocs) and the
embeddable chart with its JSON twin and CSV, over the seeded views' stories in a real Neo4j."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date

import orjson
import pytest
from fastapi.testclient import TestClient

from app.insights.charts import MAX_PERIODS, StackedSeries, stack
from app.insights.periods import Interval
from app.insights.trends import PeriodCount
from app.main import create_app
from app.settings import Settings
from nlp.records import RelType
from tests.seed import INDIA, JAPAN, Seeded, story

pytestmark = pytest.mark.integration

# The seeded stories' claims per month and type: the pact (2024-06), the allies (2025-01, two claims), the
# meeting (2025-03: a meeting and an affiliation) and the plan (2025-07: an announcement and a restriction).
MONTHS = [f"2024-{m:02d}" for m in range(6, 13)] + [f"2025-{m:02d}" for m in range(1, 8)]
ACTIVITY = {
    "ANNOUNCED": {"2025-07": 1},
    "RESTRICTED": {"2025-07": 1},
    "MET_WITH": {"2025-03": 1},
    "ALLIED_WITH": {"2024-06": 1, "2025-01": 2},
    "AFFILIATED_WITH": {"2025-03": 1},
}


def per_month(counts: dict[str, int], months: list[str]) -> list[int]:
    return [counts.get(month, 0) for month in months]


@pytest.fixture
def patient_client(settings: Settings, db) -> Iterator[TestClient]:
    """A client whose home page waits as long as its blocs take (the default budget is a fraction of a second)."""
    with TestClient(create_app(settings.model_copy(update={"home_blocs_budget": 60.0}))) as test_client:
        yield test_client


@pytest.fixture
def hasty_client(settings: Settings, db) -> Iterator[TestClient]:
    """A client whose home page never waits for blocs that are not cached."""
    with TestClient(create_app(settings.model_copy(update={"home_blocs_budget": 0.0}))) as test_client:
        yield test_client


def test_the_home_json_holds_counts_claims_per_month_movers_and_blocs(patient_client: TestClient, seeded: Seeded):
    home = patient_client.get("/index.json").json()
    assert home["counts"] == {"articles": 4, "entities": 7, "claims": 7, "relations": 7}
    activity = home["activity"]
    assert activity["periods"] == MONTHS and activity["total"] == 7 and activity["entity"] is None
    assert activity["series"] == [
        {"type": rel_type, "claims": per_month(counts, MONTHS)} for rel_type, counts in ACTIVITY.items()
    ]
    assert activity["links"] == {"view": "/embed/chart", "json": "/embed/chart.json", "csv": "/embed/chart.csv"}
    # July 2025 against June: China took part in two claims, the United States and the plan in one each.
    assert [(m["name"], m["previous"], m["current"], m["change"]) for m in home["movers"]] == [
        ("China", 0, 2, 2), ("United States", 0, 1, 1), ("AI Action Plan", 0, 1, 1),
    ]
    assert home["movers"][0]["graph"] == "/embed/graph?seed=country%3Achina"
    japan_and_huang = "/embed/graph?seed=country%3Ajapan&seed=person%3Ajensen-huang&depth=1"
    assert home["blocs"]["communities"][1]["graph"] == japan_and_huang
    blocs = home["blocs"]
    assert blocs["ready"] is True
    # Blocs are made of alliances and meetings: China (restricting, announcing) and Nvidia (an affiliation)
    # are in none.
    assert [(b["label"], b["size"], [m["name"] for m in b["members"]]) for b in blocs["communities"]] == [
        ("Australia, United States", 2, ["Australia", "United States"]),
        ("Japan, Jensen Huang", 2, ["Japan", "Jensen Huang"]),
    ]
    # The United States allied with Japan, and Japan with Australia: one source each.
    assert blocs["links"] == [{"source": 0, "target": 1, "weight": 2.0}]
    # The blocs are the `communities` query's answer over alliances and meetings (its other defaults).
    query = "{ communities(types: [ALLIED_WITH, MET_WITH]) { communities { label size } } }"
    answer = patient_client.post("/graphql", json={"query": query})
    assert [(c["label"], c["size"]) for c in answer.json()["data"]["communities"]["communities"]] == [
        (b["label"], b["size"]) for b in blocs["communities"]
    ]


def test_the_newest_claims_come_with_their_evidence_and_a_new_article_comes_first(
    patient_client: TestClient, seeded: Seeded, write_graphs
):
    claims = patient_client.get("/index.json").json()["newest_claims"]
    assert len(claims) == 7
    for claim in claims:
        assert claim["evidence"] and claim["subject"]["name"] and claim["object"]["name"]
        assert claim["article"]["view"] == f"/articles/{claim['article']['id']}#claim-{claim['id']}"
    sentence = "Japan and India signed a security pact."
    write_graphs([story(90, sentence, "2025-08-02", [(RelType.ALLIED_WITH, JAPAN, INDIA, "2025-08-02")])])
    home = patient_client.get("/index.json").json()
    newest = home["newest_claims"][0]
    assert (newest["type"], newest["evidence"], newest["date"]) == ("ALLIED_WITH", sentence, "2025-08-02")
    assert {newest["subject"]["name"], newest["object"]["name"]} == {"Japan", "India"}
    # The write changed the graph version: the month's count is not an answer kept from before it.
    assert home["activity"]["periods"][-1] == "2025-08" and home["counts"]["claims"] == 8
    assert home["counts"]["entities"] == 8 and home["articles"][0]["title"] == sentence.rstrip(".")
    assert "India" in [e["name"] for e in home["entities"]]


def test_the_home_page_shows_the_dashboard_under_the_search(patient_client: TestClient, seeded: Seeded):
    page = patient_client.get("/").text
    assert page.index('role="search"') < page.index('class="counts"') < page.index('class="rg-chart"')
    assert "<li><strong>7</strong> claims</li>" in page
    assert '<figure class="rg-chart" data-source="activity-data" data-name="racegraph-activity">' in page
    embedded = re.search(r'<script type="application/json" id="activity-data">(.*?)</script>', page, re.S)
    assert orjson.loads(embedded.group(1)) == patient_client.get("/index.json").json()["activity"]
    assert '<script src="/static/chart.js" defer></script>' in page
    bloc = "<strong>Australia, United States</strong> · 2 members · "
    seeds = "seed=country%3Aaustralia&amp;seed=country%3Aunited-states"
    assert f'{bloc}<a href="/embed/graph?{seeds}&amp;depth=1">graph</a>' in page
    assert '<span class="change up">+2 (0 → 2)</span>' in page
    assert "China announced its AI Action Plan on Saturday." in page
    assert "being computed" not in page


def test_blocs_not_cached_within_the_budget_are_left_for_the_page_to_fetch(hasty_client: TestClient, seeded: Seeded):
    page = hasty_client.get("/").text
    assert "<li><strong>7</strong> claims</li>" in page
    assert ('<p class="empty" id="blocs-pending" data-api="/api/blocs">The blocs are being computed: they appear '
            "here when ready.</p>") in page
    assert '<figure id="blocs-figure" class="blocs-figure" data-source="blocs-data" hidden>' in page
    # The computation went on after the page was sent: /api/blocs gives the blocs once it is done.
    deadline = time.monotonic() + 60
    while not (blocs := hasty_client.get("/api/blocs").json())["ready"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [b["label"] for b in blocs["communities"]] == ["Australia, United States", "Japan, Jensen Huang"]
    assert blocs == hasty_client.get("/index.json").json()["blocs"]


# --- the embeddable chart -------------------------------------------------------------


def test_a_trend_chart_counts_one_entitys_claims_of_the_chosen_types(client: TestClient, seeded: Seeded):
    chart = client.get("/embed/chart.json?kind=trend&entity=China&types=RESTRICTED,ANNOUNCED").json()
    assert chart["entity"] == {"id": "country:china", "name": "China", "kind": "Country"}
    assert chart["query"]["types"] == ["RESTRICTED", "ANNOUNCED"]
    assert chart["periods"] == ["2025-07"] and chart["total"] == 2
    assert chart["series"] == [{"type": "ANNOUNCED", "claims": [1]}, {"type": "RESTRICTED", "claims": [1]}]
    assert chart["links"]["csv"] == "/embed/chart.csv?kind=trend&entity=China&types=RESTRICTED%2CANNOUNCED"
    table = client.get(chart["links"]["csv"])
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    assert table.text == "period,type,claims\n2025-07,ANNOUNCED,1\n2025-07,RESTRICTED,1\n"
    # Repeated `types` ask for the same chart as a comma-separated list.
    repeated = client.get("/embed/chart.json?kind=trend&entity=country:china&types=RESTRICTED&types=ANNOUNCED").json()
    assert repeated["series"] == chart["series"]


def test_an_activity_chart_keeps_the_periods_of_its_window_and_fills_the_gaps(client: TestClient, seeded: Seeded):
    chart = client.get("/embed/chart.json?since=2024-12&until=2025-03").json()
    assert chart["periods"] == ["2025-01", "2025-02", "2025-03"]
    assert {s["type"]: s["claims"] for s in chart["series"]} == {
        "MET_WITH": [0, 0, 1], "ALLIED_WITH": [2, 0, 0], "AFFILIATED_WITH": [0, 0, 1],
    }
    quarters = client.get("/embed/chart.json?interval=QUARTER&types=ALLIED_WITH").json()
    assert quarters["periods"] == ["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]
    assert quarters["series"] == [{"type": "ALLIED_WITH", "claims": [1, 0, 0, 2]}]


def test_the_chart_page_embeds_its_data_in_the_asked_theme(client: TestClient, seeded: Seeded):
    page = client.get("/embed/chart?kind=trend&entity=China&theme=dark")
    assert page.status_code == 200 and '<html lang="en" class="theme-dark">' in page.text
    assert "<title>Claims of China · racegraph</title>" in page.text
    embedded = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', page.text, re.S)
    assert orjson.loads(embedded.group(1)) == client.get("/embed/chart.json?kind=trend&entity=China&theme=dark").json()


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("kind=pie", 400, "kind: Input should be 'trend' or 'activity'"),
        ("kind=trend", 400, "entity: a trend chart needs an entity (id or name)"),
        ("kind=trend&entity=Atlantis", 404, "no entity with id or name 'Atlantis'"),
        ("types=ALLIED_WITH,LOVES", 400, "types: Input should be 'ANNOUNCED'"),
        ("interval=DAY", 400, "interval: Input should be 'WEEK', 'MONTH' or 'QUARTER'"),
        ("since=2025-13-45x", 400, "since: '2025-13-45x' is not a date"),
        ("since=2025-05&until=2025-01", 400, "since (2025-05) is after until (2025-01)"),
        ("theme=sepia", 400, "theme: Input should be 'light' or 'dark'"),
        ("colour=red", 400, "colour: unknown parameter"),
    ],
)
def test_bad_chart_arguments_are_client_errors_that_say_what_is_wrong(
    client: TestClient, seeded: Seeded, query: str, status: int, message: str
):
    for path in ("/embed/chart.json", "/embed/chart.csv"):
        answer = client.get(f"{path}?{query}")
        assert answer.status_code == status and message in answer.json()["error"]
    page = client.get(f"/embed/chart?{query}")
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert str(message.replace("'", "&#39;")) in page.text


def test_a_chart_stacks_counts_over_every_period_between_and_keeps_the_latest():
    points = [
        PeriodCount("2025-01", date(2025, 1, 1), "RESTRICTED", 2),
        PeriodCount("2025-03", date(2025, 3, 1), "ALLIED_WITH", 1),
        PeriodCount("2025-03", date(2025, 3, 1), "RESTRICTED", 4),
    ]
    assert stack(points, Interval.MONTH) == StackedSeries(
        ["2025-01", "2025-02", "2025-03"], {"RESTRICTED": [2, 0, 4], "ALLIED_WITH": [0, 0, 1]}
    )
    long_ago = [PeriodCount("1990-01", date(1990, 1, 1), "MET_WITH", 1), *points]
    stacked = stack(long_ago, Interval.MONTH)
    assert len(stacked.periods) == MAX_PERIODS and stacked.periods[-1] == "2025-03"
    assert stacked.series["MET_WITH"] == [0] * MAX_PERIODS
    assert stack([], Interval.WEEK) == StackedSeries([], {})
