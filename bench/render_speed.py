"""Time to first render and to a stable layout of the graph view at 2,000 and 5,000 nodes.

usage: python bench/render_speed.py [--sizes 2000 5000] [--runs 3] [--chromium /usr/bin/chromium]

A synthetic subgraph (the JSON the server embeds: kinds, relation types, dates, a few hubs) is put
into the real page template with the built assets (`make web`) and served from a loopback port; no
database is needed. Debian's Chromium, driven by Playwright, opens it; the page reports, from its
own clock (ms since navigation start): the first frame drawn, and the frame drawn once the
ForceAtlas2 worker stopped (converged or hit its iteration budget). Then it counts the frames sigma
draws (its afterRender events) while the camera zooms in and out and turns for 2 s. Headless Chromium
draws WebGL with SwiftShader (on the CPU), so a desktop with a GPU renders faster than these figures.
The machine's load average is printed with the table: other work on the same cores slows every
figure here.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from app.web.json_encoding import json_script
from app.web.templates import templates
from nlp.records import Kind, RelType

REPO = Path(__file__).resolve().parents[1]

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]


def synthetic_graph(size: int, seed: int = 7) -> dict[str, Any]:
    """A graph-view payload with `size` nodes and about 1.6 edges per node, hubs included."""
    rng = random.Random(seed)
    kinds = [k.value for k in Kind]
    nodes = [{"id": f"n{i}", "name": f"Entity {i}", "kind": rng.choice(kinds)} for i in range(size)]
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    types = [t.value for t in RelType]
    for i in range(1, size):
        # Preferential attachment: early nodes become hubs, as countries and big companies are.
        for _ in range(1 + (rng.random() < 0.6)):
            j = int(rng.random() ** 2.5 * i)
            rel = rng.choice(types)
            first = f"{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            claims = 1 + int(rng.expovariate(0.7))
            edges[(rel, f"n{i}", f"n{j}")] = {
                "type": rel, "source": f"n{i}", "target": f"n{j}", "claims": claims, "articles": claims,
                "first_seen": first, "last_seen": first, "confidence": round(rng.uniform(0.5, 0.99), 2),
                "hedged": rng.random() < 0.1,
            }
    query = {
        "seed": ["n0"], "depth": 3, "types": types, "since": None, "until": None, "minClaims": 1,
        "maxNodes": 10_000, "layout": "force", "theme": "light",
    }
    links = {
        "view": "/embed/graph?seed=n0", "json": "/embed/graph.json?seed=n0", "exports": {}, "claims": "/api/claims",
    }
    return {"query": query, "nodes": nodes, "edges": list(edges.values()), "truncated": False, "links": links}


def write_site(root: Path, sizes: list[int]) -> None:
    """The built assets under /static and one page per size, rendered by the app's own template."""
    shutil.copytree(REPO / "app" / "static", root / "static")
    for size in sizes:
        data = synthetic_graph(size)
        page = templates().get_template("graph.html").render(twin=None, data=data, data_json=json_script(data))
        (root / f"graph-{size}.html").write_text(page)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def measure(chromium: str, base: str, sizes: list[int], runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for size in sizes:
            for run in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(f"{base}/graph-{size}.html")
                page.wait_for_function(
                    "() => window.racegraphView && window.racegraphView.stats().layout === 'stable'", timeout=180_000
                )
                stats = page.evaluate("window.racegraphView.stats()")
                fps = page.evaluate("window.racegraphView.fps(2000)")
                results.append({"size": size, "run": run, "fps": fps, "load": os.getloadavg()[0], **stats})
                context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not (REPO / "app" / "static" / "embed.js").is_file():
        sys.exit("no built assets in app/static: run `make web` first")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_site(root, args.sizes)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = measure(args.chromium, f"http://127.0.0.1:{server.server_address[1]}", args.sizes, args.runs)
        finally:
            server.shutdown()
    print("| nodes | edges | first render (ms) | stable layout (ms) | FA2 iterations | fps while zooming |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        rows = [r for r in results if r["size"] == size]
        med = {k: statistics.median(r[k] for r in rows) for k in ("firstRenderMs", "stableMs", "iterations", "fps")}
        print(
            f"| {size:,} | {rows[0]['edges']:,} | {med['firstRenderMs']:,.0f} | {med['stableMs']:,.0f} "
            f"| {med['iterations']:.0f} | {med['fps']:.0f} |"
        )
    runs = [f"{r['size']}: {r['firstRenderMs']}/{r['stableMs']} ms, {r['fps']:.0f} fps" for r in results]
    print(f"\nmedians of {args.runs} runs; each run: " + "; ".join(runs))
    loads = [r["load"] for r in results]
    print(f"load average (1 min) after each run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
