"""Time until the home page (`/`) is ready in a browser on the 100k-entity bench graph: drawn, with its
chart of claims per month and its main blocs.

usage: python -m bench.home_ready [--loads 20] [--colds 3] [--no-warm-at-start] [--data-dir DIR]
                                  [--chromium /usr/bin/chromium] [--json FILE]

The graph is `bench.graphql_latency`'s (`bench_neo4j`): with the same --data-dir it is reused, not written
again. The server is the one `racegraph serve` runs, in a process of its own (`api_server`), with the home
page's warm-up at start as served (`--no-warm-at-start`: without). Debian's headless Chromium, driven by
Playwright, opens `/` in a fresh context each time (no HTTP cache), and the page reports, from its own clock
(ms since navigation start), when the chart was drawn (`window.racegraphCharts`) and the blocs graph was too
(`window.racegraphBlocs`; blocs not computed within `home_blocs_budget` are fetched by the page from
`/api/blocs` once they are, and drawn then):

- cold: the first load of a freshly started server, as soon as it answers, `--colds` servers in turn (the
  first after Neo4j started), timed from the page's request and from the server's start. The graph does not
  change between servers, so each finds the page an earlier server stored for its version (`home_page`; a
  graph just written has none, and its first server computes the page as after a write);
- warm: `--loads` loads once the blocs are computed (the insights cache holds them; the first load is also the
  first request of the page's other reads, which only the warm-up has asked for).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

import httpx

from bench.graphql_latency import add_graph_options, api_server, bench_neo4j, percentiles
from bench.render_speed import CHROMIUM_ARGS

# Resolves, from the page's clock, once the chart and the blocs are drawn.
READY = """() => {
  const charts = window.racegraphCharts;
  return charts && charts.length && charts[0].stats().ready && window.racegraphBlocs ? performance.now() : false;
}"""
SERVED = "() => performance.getEntriesByType('navigation')[0].responseEnd"


def load(browser: Any, base: str) -> dict[str, Any]:
    """Open `/` in a fresh context; return {ready_ms, html_ms (the page's last byte), ready_at (the Unix time
    it was ready), late_blocs (drawn from /api/blocs rather than the page's own data)}."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/", wait_until="commit")
        ready = page.wait_for_function(READY, timeout=120_000).json_value()
        return {"ready_ms": round(ready), "html_ms": round(page.evaluate(SERVED)),
                "ready_at": (page.evaluate("performance.timeOrigin") + ready) / 1000,
                "late_blocs": page.evaluate("window.racegraphBlocs.late")}
    finally:
        context.close()


def wait_for_blocs(base: str, timeout: float = 300) -> None:
    """Return once the home page's blocs are computed (asking /api/blocs, which reads nothing else of the
    page); raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not httpx.get(base + "/api/blocs", timeout=120).json()["ready"]:
        if time.monotonic() > deadline:
            raise RuntimeError("the blocs were not computed in time")
        time.sleep(0.5)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_graph_options(parser)
    parser.add_argument("--loads", type=int, default=20, help="Timed loads once the blocs are computed.")
    parser.add_argument("--colds", type=int, default=3, help="Servers started for the cold figure.")
    parser.add_argument("--chromium", default=os.environ.get("RACEGRAPH_CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--warm-at-start", action=argparse.BooleanOptionalAction, default=True,
                        help="Serve with the home page's warm-up at start (as `racegraph serve` does).")
    args = parser.parse_args(argv)
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts), \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        colds = []
        for _ in range(args.colds):
            started_at = time.time()
            with api_server(instance, warm_at_start=args.warm_at_start) as url:
                cold = load(browser, url.removesuffix("/graphql"))
                cold["from_start_ms"] = round((cold.pop("ready_at") - started_at) * 1000)
                colds.append(cold)
        with api_server(instance, warm_at_start=args.warm_at_start) as url:
            base = url.removesuffix("/graphql")
            started = time.monotonic()
            wait_for_blocs(base)
            blocs_s = time.monotonic() - started
            warm = [load(browser, base) for _ in range(args.loads)]
        browser.close()

    # percentiles takes seconds and gives milliseconds.
    p50, p95 = percentiles([w["ready_ms"] / 1000 for w in warm])
    figures = {
        "cold": colds, "warm_ready_p50_ms": round(p50), "warm_ready_p95_ms": round(p95),
        "warm_html_p50_ms": round(statistics.median(w["html_ms"] for w in warm)),
        "first_warm_ready_ms": warm[0]["ready_ms"], "blocs_cold_s": round(blocs_s, 2),
        "warm_at_start": args.warm_at_start, "load_average": os.getloadavg(),
    }
    counts = facts["counts"]
    load_average = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"graph: {counts['entities']:,} entities, {counts['claims']:,} claims; one uvicorn worker; warm-up at "
          f"start {'on' if args.warm_at_start else 'off'}; load average {load_average}")
    print("| figure | target | measured |\n|---|---|---|")
    for clock, what in (("ready_ms", "page requested"), ("from_start_ms", "server started")):
        cold_ready = [c[clock] / 1000 for c in colds]
        print(f"| home page ready, cold server, from {what} | <= 1.5 s | "
              f"median {statistics.median(cold_ready):.2f} s (each: {', '.join(f'{s:.2f}' for s in cold_ready)} s; "
              f"blocs drawn late in {sum(c['late_blocs'] for c in colds)} of {args.colds}) |")
    print(f"| home page ready, blocs cached | <= 1.5 s | p50 {p50 / 1000:.2f} s, p95 {p95 / 1000:.2f} s "
          f"({args.loads} loads; HTML received at p50 {figures['warm_html_p50_ms']} ms) |")
    print(f"blocs ready {blocs_s:.1f} s after the server answered (alliances and meetings, all time); the first "
          f"page after that ready in {warm[0]['ready_ms'] / 1000:.2f} s (its other reads "
          f"{'warmed at start' if args.warm_at_start else 'not asked before'})")
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "figures": figures}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
