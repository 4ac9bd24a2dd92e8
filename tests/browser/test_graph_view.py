"""The graph view in a real browser (Debian's Chromium): counts, expansion, time range, evidence,
embedding in frames of other origins, the web component, and a picture that is not blank."""

from __future__ import annotations

import io

import httpx
import pytest
from PIL import Image, ImageStat

from app.auth import Role
from app.service import Racegraph
from tests.live_server import Origin
from tests.seed import ALLIES_SENTENCE, Seeded

pytestmark = [pytest.mark.integration, pytest.mark.browser]

US_GRAPH = "/embed/graph?seed=United+States&depth=1"


def api(live_url: str, path: str) -> dict:
    response = httpx.get(live_url + path, timeout=30)  # Playwright's own default: the first query can be slow
    assert response.status_code == 200, response.text
    return response.json()


def open_graph(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function("() => window.racegraphView && window.racegraphView.stats().layout === 'stable'")
    return page.evaluate("window.racegraphView.stats()")


def test_the_view_shows_the_nodes_and_edges_the_api_returns(page, live_url: str, seeded: Seeded):
    expected = api(live_url, "/embed/graph.json?seed=United+States&depth=2")
    stats = open_graph(page, live_url + "/embed/graph?seed=United+States&depth=2")
    assert (stats["nodes"], stats["edges"], stats["visibleEdges"]) == (
        len(expected["nodes"]), len(expected["edges"]), len(expected["edges"]),
    )
    assert stats["worker"] is True and stats["iterations"] > 0
    assert sorted(page.evaluate("window.racegraphView.nodes()")) == sorted(n["id"] for n in expected["nodes"])
    assert page.locator(".rg-legend").inner_text().count("Country") == 1
    assert "ALLIED_WITH 3 (3 claims)" in page.locator(".rg-legend").inner_text()


def test_clicking_a_node_adds_its_neighbours(page, live_url: str, seeded: Seeded):
    first = api(live_url, "/embed/graph.json?seed=United+States&depth=1")
    china = api(live_url, "/embed/graph.json?seed=country:china&depth=1")
    open_graph(page, live_url + US_GRAPH)
    position = page.evaluate("window.racegraphView.nodePosition('country:china')")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function("() => window.racegraphView.stats().expanded.includes('country:china')")
    stats = page.evaluate("window.racegraphView.stats()")
    nodes = {n["id"] for n in first["nodes"]} | {n["id"] for n in china["nodes"]}
    edges = {(e["type"], e["source"], e["target"]) for e in first["edges"] + china["edges"]}
    assert (stats["nodes"], stats["edges"]) == (len(nodes), len(edges)) == (5, 4)
    assert "policy:ai-action-plan" in page.evaluate("window.racegraphView.nodes()")
    assert "Added 1 nodes and 1 edges." in page.locator(".rg-panel").inner_text()


def test_a_node_can_be_clicked_after_the_graph_was_dragged(page, live_url: str, seeded: Seeded):
    # Frames drawn while the camera moves skip sigma's picking pass; the view draws a full one after.
    open_graph(page, live_url + US_GRAPH)
    box = page.locator(".rg-stage").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + 20 + 6 * step, box["y"] + 20 + 3 * step)
    # Held still before release (sigma's drag timed out): no inertia, the camera just stops.
    page.wait_for_function("() => !window.racegraphView.sigma().getMouseCaptor().isMoving")
    page.mouse.up()
    # Until hover works again, and the click that ended the drag no longer counts towards a double click.
    page.wait_for_function(
        "() => window.racegraphView.pickable() && window.racegraphView.sigma().getMouseCaptor().clicks === 0"
    )
    position = page.evaluate("window.racegraphView.nodePosition('country:china')")
    page.mouse.move(position["x"], position["y"])
    page.wait_for_function("() => document.querySelector('.rg-stage').classList.contains('rg-pointer')")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function("() => window.racegraphView.stats().expanded.includes('country:china')")


def test_the_time_range_removes_edges_outside_it(page, live_url: str, seeded: Seeded):
    stats = open_graph(page, live_url + US_GRAPH)
    assert stats["visibleEdges"] == 3 and stats["range"] == ["2025-01", "2025-07"]
    page.locator(".rg-from").fill("3")  # 2025-04: the January alliances end before it
    stats = page.evaluate("window.racegraphView.stats()")
    assert stats["range"] == ["2025-04", "2025-07"] and stats["visibleEdges"] == 1
    assert "1 of 3 edges" in page.locator(".rg-status").inner_text()
    page.locator(".rg-to").fill("2")  # up to 2025-03: only the alliances
    page.locator(".rg-from").fill("0")
    assert page.evaluate("window.racegraphView.stats().visibleEdges") == 2


def test_the_evidence_panel_shows_the_sentence_and_links_the_article(page, live_url: str, seeded: Seeded):
    open_graph(page, live_url + US_GRAPH)
    key = "ALLIED_WITH|country:japan|country:united-states"
    position = page.evaluate(f"window.racegraphView.edgePosition('{key}')")
    page.mouse.move(position["x"], position["y"])
    evidence = page.locator(".rg-panel .rg-evidence")
    evidence.wait_for()
    assert evidence.inner_text() == ALLIES_SENTENCE
    link = page.locator(".rg-panel .rg-claim a")
    assert link.inner_text() == "The allies story"
    assert link.get_attribute("href").startswith(f"{live_url}/articles/{seeded.articles['allies']}#claim-")


def frame_page(origin: Origin, name: str, src: str) -> str:
    (origin.root / name).write_text(
        f'<!doctype html><title>dashboard</title><iframe id="graph" src="{src}" width="900" height="600"></iframe>'
    )
    return f"{origin.url}/{name}"


def test_the_view_works_in_a_frame_of_an_allowed_origin(page, live_url: str, dashboard: Origin, seeded: Seeded):
    page.goto(frame_page(dashboard, "allowed.html", live_url + US_GRAPH))
    frame = page.frame_locator("#graph")
    frame.locator(".rg-status").filter(has_text="4 nodes").wait_for()
    [child] = [f for f in page.frames if f.url.startswith(live_url)]
    child.wait_for_function("() => window.racegraphView.stats().layout === 'stable'")
    assert child.evaluate("window.racegraphView.stats().edges") == 3


def test_the_view_is_refused_in_a_frame_of_another_origin(page, live_url: str, stranger: Origin, seeded: Seeded):
    refusals, blocked = [], []
    page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)
    page.on("requestfailed", lambda request: blocked.append((request.url, request.failure)))
    # Until both refusals came: the frame's blocked navigation, and the CSP's message on the console.
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text), page.expect_event("requestfailed"):
        page.goto(frame_page(stranger, "refused.html", live_url + US_GRAPH))
    assert blocked == [(live_url + "/embed/graph?seed=United+States&depth=1", "net::ERR_BLOCKED_BY_RESPONSE")]
    assert any("violates the following Content Security Policy directive" in text for text in refusals)
    [framed] = [f for f in page.frames if f != page.main_frame]
    framed.wait_for_url("chrome-error://**")


async def reader_key(service: Racegraph) -> str:
    """A new API key with the reader role."""
    return (await service.create_key("dashboard", Role.READER))[1]


def test_the_web_component_renders_from_another_origin_with_its_api_key(
    page, live_url: str, dashboard: Origin, on_service, seeded: Seeded
):
    key = on_service(reader_key)
    (dashboard.root / "component.html").write_text(
        f'<!doctype html><title>dashboard</title><script src="{live_url}/static/racegraph-view.js"></script>'
        f'<racegraph-view id="view" seed="United States" depth="1" theme="dark" api-key="{key}"></racegraph-view>'
    )
    requests = []
    page.on("request", lambda request: requests.append(request) if "/embed/graph.json" in request.url else None)
    page.goto(f"{dashboard.url}/component.html")
    page.wait_for_function("() => { const view = document.getElementById('view').racegraph;"
                           " return view && view.stats().layout === 'stable'; }")
    stats = page.evaluate("document.getElementById('view').racegraph.stats()")
    assert (stats["nodes"], stats["edges"], stats["worker"]) == (4, 3, False)
    assert requests[0].headers["x-api-key"] == key


def test_a_screenshot_is_not_blank_and_the_image_exports_work(page, live_url: str, seeded: Seeded, tmp_path):
    open_graph(page, live_url + "/embed/graph?seed=United+States&depth=2")
    shot = page.screenshot(path=str(tmp_path / "graph.png"))
    stage = page.locator(".rg-stage").screenshot()
    image = Image.open(io.BytesIO(stage)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50, "the graph area has more than a background"
    assert max(ImageStat.Stat(image).stddev) > 5
    assert len(shot) > 10_000
    svg = page.evaluate("window.racegraphView.svg()")
    assert svg.count("<circle") + svg.count("<rect") >= 6 and "United States" in svg
    assert page.evaluate("window.racegraphView.png()") > 1000
    with page.expect_download() as download:
        page.get_by_role("button", name="SVG").click()
    assert download.value.suggested_filename == "racegraph-united-states.svg"


def node_display(page, view: str) -> dict:
    """Each node's colour and size as sigma last drew them."""
    return page.evaluate(
        f"(() => {{ const v = {view}; return Object.fromEntries(v.nodes().map((id) => [id, v.nodeDisplay(id)])); }})()"
    )


def assert_colours_follow(display: dict, group: dict) -> None:
    """Two nodes share a drawn colour exactly when they share a group."""
    for a in group:
        for b in group:
            assert (display[a]["color"] == display[b]["color"]) == (group[a] == group[b]), (a, b)


def test_colour_by_community_and_size_by_centrality_change_the_drawn_nodes(page, live_url: str, seeded: Seeded):
    overlay = api(live_url, "/embed/graph.json?seed=United+States&depth=2&color=community&size=pagerank")
    open_graph(page, live_url + "/embed/graph?seed=United+States&depth=2")
    view = "window.racegraphView"
    by_kind = node_display(page, view)
    assert_colours_follow(by_kind, {n["id"]: n["kind"] for n in overlay["nodes"]})

    page.locator(".rg-color").select_option("community")
    page.wait_for_function("() => window.racegraphView.stats().color === 'community' && "
                           "window.racegraphView.stats().communities > 0")
    by_community = node_display(page, view)
    assert_colours_follow(by_community, {n["id"]: n["community"] for n in overlay["nodes"]})
    assert by_community != by_kind
    legend = page.locator(".rg-legend .rg-communities").inner_text()
    assert all(c["label"] in legend for c in overlay["communities"])

    page.locator(".rg-size").select_option("pagerank")
    page.wait_for_function("() => window.racegraphView.stats().size === 'pagerank'")
    by_rank = node_display(page, view)
    score = {n["id"]: n["centrality"] for n in overlay["nodes"]}
    ranked = sorted(score, key=lambda node: score[node])
    assert [by_rank[node]["size"] for node in ranked] == sorted(by_rank[node]["size"] for node in ranked)
    assert by_rank[ranked[-1]]["size"] > by_rank[ranked[0]]["size"]
    assert {d["size"] for d in by_rank.values()} != {d["size"] for d in by_community.values()}


def test_the_web_component_colours_by_community_from_its_attribute(
    page, live_url: str, dashboard: Origin, seeded: Seeded
):
    (dashboard.root / "communities.html").write_text(
        f'<!doctype html><title>dashboard</title><script src="{live_url}/static/racegraph-view.js"></script>'
        '<racegraph-view id="view" seed="United States" depth="2" color="community" size="degree"></racegraph-view>'
    )
    page.goto(f"{dashboard.url}/communities.html")
    page.wait_for_function("() => { const view = document.getElementById('view').racegraph;"
                           " return view && view.stats().layout === 'stable'; }")
    stats = page.evaluate("document.getElementById('view').racegraph.stats()")
    assert (stats["color"], stats["size"]) == ("community", "degree") and stats["communities"] >= 2
    colours = node_display(page, "document.getElementById('view').racegraph")
    assert len({d["color"] for d in colours.values()}) == stats["communities"]
