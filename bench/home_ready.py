"""Time until the home page (`/`) is ready in a browser on the 100k-entity bench graph: drawn, with its
chart of claims per month and its main blocs.

usage: python -m bench.home_ready [--loads 20] [--colds 3] [--data-dir DIR] [--chromium /usr/bin/chromium]
                                  [--json FILE]

The graph is `bench.graphql_latency`'s (`bench_neo4j`): with the same --data-dir it is reused, not written
again. The server is the one `racegraph serve` runs, in a process of its own (`api_server`). Debian's headless
Chromium, driven by Playwright, opens `/` in a fresh context each time (no HTTP cache), and the page reports,
from its own clock (ms since navigation start), when the chart was drawn (`window.racegraphCharts`) and
whether the blocs graph was too (`window.racegraphBlocs`; the server waits `home_blocs_budget` for a cold
computation of the blocs, then sends the page without them and goes on computing):

- cold: the first load of a freshly started server (every cache empty), `--colds` servers in turn;
- warm: `--loads` loads once the blocs are computed (the insights cache holds them; the rest of the page is
  read from Neo4j at every load).
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

# Resolves, from the page's clock, once the chart is drawn and the blocs are drawn or said to be coming.
READY = """() => {
  const charts = window.racegraphCharts;
  const blocs = window.racegraphBlocs || document.querySelector(".blocs p.empty");
  return charts && charts.length && charts[0].stats().ready && blocs ? performance.now() : false;
}"""
SERVED = "() => performance.getEntriesByType('navigation')[0].responseEnd"


def load(browser: Any, base: str) -> dict[str, Any]:
    """Open `/` in a fresh context; return {ready_ms, html_ms (the page's last byte), blocs (drawn)}."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/", wait_until="commit")
        ready = page.wait_for_function(READY, timeout=60_000).json_value()
        return {"ready_ms": round(ready), "html_ms": round(page.evaluate(SERVED)),
                "blocs": page.evaluate("Boolean(window.racegraphBlocs)")}
    finally:
        context.close()


def wait_for_blocs(base: str, timeout: float = 300) -> None:
    """Return once the home page's blocs are computed; raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not httpx.get(base + "/index.json", timeout=120).json()["blocs"]["ready"]:
        if time.monotonic() > deadline:
            raise RuntimeError("the blocs were not computed in time")
        time.sleep(0.5)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_graph_options(parser)
    parser.add_argument("--loads", type=int, default=20, help="Timed loads once the blocs are computed.")
    parser.add_argument("--colds", type=int, default=3, help="Servers started for the cold figure.")
    parser.add_argument("--chromium", default=os.environ.get("RACEGRAPH_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with bench_neo4j(args.data_dir, args.articles, args.entities, args.seed) as (instance, facts), \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        colds = []
        for _ in range(args.colds):
            with api_server(instance) as url:
                colds.append(load(browser, url.removesuffix("/graphql")))
        with api_server(instance) as url:
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
        "warm_blocs_drawn": sum(w["blocs"] for w in warm), "blocs_cold_s": round(blocs_s, 2),
        "load_average": os.getloadavg(),
    }
    counts = facts["counts"]
    print(f"graph: {counts['entities']:,} entities, {counts['claims']:,} claims; one uvicorn worker; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| figure | target | measured |\n|---|---|---|")
    cold_ready = [c["ready_ms"] for c in colds]
    print(f"| home page ready, cold server | <= 1.5 s | median {statistics.median(cold_ready) / 1000:.2f} s "
          f"(max {max(cold_ready) / 1000:.2f} s, {args.colds} runs; blocs drawn in "
          f"{sum(c['blocs'] for c in colds)}) |")
    print(f"| home page ready, blocs cached | <= 1.5 s | p50 {p50 / 1000:.2f} s, p95 {p95 / 1000:.2f} s "
          f"({args.loads} loads; HTML received at p50 {figures['warm_html_p50_ms']} ms) |")
    print(f"blocs computed {blocs_s:.1f} s after the server started (all types, all time)")
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "figures": figures}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
