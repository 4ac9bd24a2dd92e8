"""The dashboard's chart in a real browser (Debian's Chromium): drawn by Chartist from the sample data
under the page's CSP, and the embedded chart's SVG and PNG downloads."""

from __future__ import annotations

import io
import time

import httpx
import pytest
from PIL import Image, ImageStat

from tests.seed import Seeded

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHART_READY = "() => window.racegraphCharts && window.racegraphCharts.length && window.racegraphCharts[0].stats().ready"


def open_chart(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function(CHART_READY)
    return page.evaluate("window.racegraphCharts[0].stats()")


def cells_with_claims(chart: dict) -> int:
    return sum(1 for series in chart["series"] for claims in series["claims"] if claims)


def test_the_dashboard_draws_claims_per_month_by_type(page, live_url: str, seeded: Seeded):
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None)
    activity = httpx.get(live_url + "/index.json", timeout=30).json()["activity"]
    stats = open_chart(page, live_url + "/")
    assert stats["periods"] == len(activity["periods"]) == 14
    assert stats["series"] == [s["type"] for s in activity["series"]]
    # One bar with a height per month and type holding a claim: six, for the seven claims.
    assert stats["bars"] == cells_with_claims(activity) == 6
    legend = page.locator(".rg-chart-legend").inner_text()
    assert "ALLIED_WITH 3" in legend and "RESTRICTED 1" in legend
    assert page.locator(".rg-chart .ct-label.ct-horizontal").first.inner_text() == "2024-06"
    assert page.locator("#search").is_visible()
    assert refusals == []


def test_the_embedded_chart_downloads_its_svg_and_png_in_the_dark_theme(page, live_url: str, seeded: Seeded):
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None)
    stats = open_chart(page, live_url + "/embed/chart?kind=trend&entity=China&theme=dark")
    assert (stats["periods"], stats["bars"]) == (1, 2)
    with page.expect_download() as svg_download:
        page.get_by_role("button", name="SVG").click()
    svg = open(svg_download.value.path(), encoding="utf-8").read()
    assert svg_download.value.suggested_filename == "racegraph-chart.svg"
    assert svg.startswith("<svg") and "<foreignObject" not in svg and ">2025-07</text>" in svg
    assert 'stroke="rgb(214, 69, 61)"' in svg  # RESTRICTED's colour (web/src/palette.js)
    assert 'fill="rgb(18, 22, 31)"' in svg  # the dark theme's background
    with page.expect_download() as png_download:
        page.get_by_role("button", name="PNG").click()
    picture = Image.open(io.BytesIO(open(png_download.value.path(), "rb").read())).convert("RGB")
    assert picture.size[0] > 400 and max(ImageStat.Stat(picture).stddev) > 10  # not a blank picture
    assert refusals == []


def ready_home(live_url: str) -> dict:
    """The home page's JSON once its blocs are computed (a cold computation goes on after a request gives up)."""
    deadline = time.monotonic() + 60
    while True:
        home = httpx.get(live_url + "/index.json", timeout=30).json()
        if home["blocs"]["ready"] or time.monotonic() > deadline:
            return home
        time.sleep(0.2)


def test_the_dashboard_draws_the_main_blocs_as_a_small_graph(page, live_url: str, seeded: Seeded):
    blocs = ready_home(live_url)["blocs"]
    assert blocs["ready"] and len(blocs["communities"]) == 2 and len(blocs["links"]) == 1
    page.goto(live_url + "/")
    page.wait_for_function("() => window.racegraphBlocs")
    assert page.evaluate("window.racegraphBlocs") == {"blocs": 2, "links": 1, "late": False}
    figure = page.locator("#blocs-figure svg")
    assert figure.locator("circle").count() == 2 and figure.locator("line").count() == 1
    # Blocs of one size are drawn one size, and each bloc links the graph of its members.
    radii = [float(r) for r in figure.locator("circle").evaluate_all("(cs) => cs.map((c) => c.getAttribute('r'))")]
    assert radii[0] == radii[1] > 12
    assert figure.locator("a").first.get_attribute("href") == blocs["communities"][0]["graph"]
    labels = figure.locator(".bloc-label").evaluate_all("(ts) => ts.map((t) => t.textContent)")
    assert labels == [c["label"] for c in blocs["communities"]]
    box = page.locator("#blocs-figure svg").bounding_box()
    assert box["width"] > 200 and box["height"] > 100


def test_blocs_computed_after_the_page_was_sent_are_fetched_and_drawn(page, hasty_live_url: str, seeded: Seeded):
    page.goto(hasty_live_url + "/")
    page.wait_for_function("() => window.racegraphBlocs")
    blocs = httpx.get(hasty_live_url + "/api/blocs", timeout=30).json()
    assert blocs["ready"] and page.evaluate("window.racegraphBlocs") == {
        "blocs": len(blocs["communities"]), "links": len(blocs["links"]), "late": True,
    }
    assert page.locator("#blocs-pending").count() == 0 and page.locator("#blocs-figure").is_visible()
    items = page.locator("#blocs-list li.bloc")
    assert items.locator("strong").all_inner_texts() == [c["label"] for c in blocs["communities"]]
    assert items.first.locator("a").first.get_attribute("href") == blocs["communities"][0]["graph"]
