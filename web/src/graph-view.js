// GraphView: the interactive graph of a racegraph subgraph (the /embed/graph page and the
// <racegraph-view> element both mount one). WebGL rendering with sigma.js over a graphology graph,
// a ForceAtlas2 layout run once in a worker, edges filtered by a time range, claims on demand.
import Graph from "graphology";
import { circular } from "graphology-layout";
import Sigma from "sigma";

import { KINDS, RELATIONS, THEMES, kindStyle, relationStyle } from "./palette.js";
import { createRun, drive, iterationBudget, radialStart } from "./layout.js";
import { download, svgToPng, toSvg } from "./export-image.js";
import { EdgeArrow, EdgeLine, NodeCircle, NodeSquare, cameraMoving, nodeRing } from "./webgl-programs.js";

/** Create an element with attributes and children (strings become text: no HTML is ever parsed). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** The month (YYYY-MM) a date falls in; a bare year counts from January or up to December. */
export function monthOf(date, end) {
  if (!date) return null;
  if (date.length === 4) return `${date}-${end ? "12" : "01"}`;
  return date.slice(0, 7);
}

function monthsBetween(first, last) {
  const months = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

// A stable pseudo-random point for a node id, so the first frame is the same on every load.
function hashPoint(id) {
  let a = 2166136261;
  let b = 5381;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return [((a >>> 0) / 4294967295) * 2 - 1, ((b >>> 0) / 4294967295) * 2 - 1];
}

export const edgeKey = (e) => `${e.type}|${e.source}|${e.target}`;

export class GraphView {
  /**
   * @param {HTMLElement} host where to draw (emptied)
   * @param {object} options server (base URL, "" for this origin), apiKey (sent as X-API-Key),
   *   workerUrl (the layout worker script)
   */
  constructor(host, { server = "", apiKey = null, workerUrl = "/static/layout-worker.js" } = {}) {
    this.host = host;
    this.server = server;
    this.apiKey = apiKey;
    this.workerUrl = workerUrl;
    this.graph = new Graph({ multi: true, type: "directed", allowSelfLoops: false });
    this.sigma = null;
    this.data = null;
    this.hovered = null;
    this.selectedEdge = null;
    this.hiddenTypes = new Set();
    this.months = [];
    this.range = null; // [from month, to month] or null for all
    this.expanded = new Set();
    this.claimCache = new Map();
    this.runId = 0;
    this.stopLayout = () => {};
    this.layoutState = "idle";
    this.iterations = 0;
    this.timings = { start: performance.now(), firstRender: null, stable: null };
    this.workerState = undefined; // undefined: not tried; null: unavailable; else a Worker
    this.pickingCheck = null; // a timer: see mountSigma
    this.listeners = new Set();
    this.buildDom();
  }

  // --- DOM -------------------------------------------------------------------

  buildDom() {
    this.host.replaceChildren();
    this.status = h("span", { class: "rg-status", role: "status" }, "Loading…");
    this.rangeFrom = h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "From month", class: "rg-from" });
    this.rangeTo = h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "To month", class: "rg-to" });
    this.rangeLabel = h("output", { class: "rg-range-label" });
    const onRange = () => this.onRangeInput();
    this.rangeFrom.addEventListener("input", onRange);
    this.rangeTo.addEventListener("input", onRange);
    this.rangeBox = h("div", { class: "rg-range", hidden: true }, h("span", {}, "Dates"), this.rangeFrom, this.rangeTo, this.rangeLabel);
    const button = (label, action, title) => h("button", { type: "button", title, onclick: action }, label);
    this.toolbar = h(
      "div",
      { class: "rg-toolbar" },
      this.status,
      this.rangeBox,
      h(
        "div",
        { class: "rg-actions" },
        button("PNG", () => this.savePng(), "Download the graph as a PNG image"),
        button("SVG", () => this.saveSvg(), "Download the graph as an SVG image"),
        button("Fit", () => this.sigma && this.sigma.getCamera().animatedReset(), "Show the whole graph"),
      ),
    );
    this.stage = h("div", { class: "rg-stage" });
    this.panel = h("aside", { class: "rg-panel", "aria-live": "polite" }, h("p", { class: "rg-hint" }, "Hover or click an edge to read its evidence; click a node to add its neighbours."));
    this.legend = h("div", { class: "rg-legend" });
    this.root = h("div", { class: "rg-root" }, this.toolbar, h("div", { class: "rg-body" }, this.stage, this.panel), this.legend);
    this.host.append(this.root);
  }

  setTheme(name) {
    this.theme = THEMES[name] ? name : "light";
    this.root.classList.toggle("rg-theme-dark", this.theme === "dark");
  }

  // --- data ------------------------------------------------------------------

  async fetchJson(path) {
    const url = new URL(path, this.server || window.location.href);
    const headers = { Accept: "application/json" };
    if (this.apiKey) headers["X-API-Key"] = this.apiKey;
    const response = await fetch(url, { headers });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
    return body;
  }

  /** Absolute URL of a path the server gave. */
  resolve(path) {
    return new URL(path, this.server || window.location.href).toString();
  }

  /** Show a subgraph (the JSON of /embed/graph.json). */
  load(data) {
    this.data = data;
    this.setTheme(data.query.theme);
    this.seeds = new Set(data.query.seed.map((s) => s.toLowerCase()));
    this.graph.clear();
    this.merge(data, null);
    if (data.query.layout !== "circular") this.placeRadially();
    this.updateMonths(true);
    this.mountSigma();
    this.layout(iterationBudget(this.graph.order));
    this.updateLegend();
    this.updateStatus();
    if (data.truncated) this.notice(`Only the first ${data.query.maxNodes} nodes are shown.`);
  }

  isSeed(id, name) {
    return this.seeds.has(id.toLowerCase()) || this.seeds.has(String(name).toLowerCase());
  }

  /** Put the nodes where ForceAtlas2 settles soon: a radial tree (see layout.js), the same on every load. */
  placeRadially() {
    const { edges } = this.layoutInput();
    this.setPositions(radialStart(this.graph.order, edges, Math.max(10, Math.sqrt(this.graph.order) * 10) / 4));
  }

  /** Move the nodes, in graph order, to `pos`: x0, y0, x1, y1, ... */
  setPositions(pos) {
    let i = 0;
    this.graph.updateEachNodeAttributes(
      (node, attrs) => {
        attrs.x = pos[2 * i];
        attrs.y = pos[2 * i + 1];
        i += 1;
        return attrs;
      },
      { attributes: ["x", "y"] },
    );
  }

  /** Add the nodes and edges of `data` that are new, placing new nodes around `near`; return the counts added. */
  merge(data, near) {
    const spread = Math.max(10, Math.sqrt(this.graph.order + data.nodes.length) * 10);
    let nodes = 0;
    let edges = 0;
    for (const node of data.nodes) {
      if (this.graph.hasNode(node.id)) continue;
      const [dx, dy] = hashPoint(node.id);
      const style = kindStyle(node.kind);
      const seed = this.isSeed(node.id, node.name);
      this.graph.addNode(node.id, {
        label: node.name,
        name: node.name,
        kind: node.kind,
        x: near ? near.x + dx * spread * 0.1 : dx * spread,
        y: near ? near.y + dy * spread * 0.1 : dy * spread,
        color: style.color,
        type: style.shape,
        seed,
        forceLabel: seed,
        size: 4,
      });
      nodes += 1;
    }
    for (const edge of data.edges) {
      const key = edgeKey(edge);
      if (this.graph.hasEdge(key)) continue;
      if (!this.graph.hasNode(edge.source) || !this.graph.hasNode(edge.target)) continue;
      const style = relationStyle(edge.type);
      this.graph.addDirectedEdgeWithKey(key, edge.source, edge.target, {
        relation: edge.type,
        claims: edge.claims,
        articles: edge.articles,
        first_seen: edge.first_seen,
        last_seen: edge.last_seen,
        confidence: edge.confidence,
        hedged: edge.hedged,
        from: monthOf(edge.first_seen || edge.last_seen, false),
        to: monthOf(edge.last_seen || edge.first_seen, true),
        color: style.color,
        type: style.directed ? "arrow" : "line",
        size: 1 + Math.log2(Math.max(1, edge.claims || 1)),
        label: `${edge.type} ×${edge.claims}`,
      });
      edges += 1;
    }
    // Above 1,000 nodes, smaller nodes: at full size 5,000 of them cover the stage almost three times
    // over, hiding the edges (and a software renderer pays for every covered pixel).
    const scale = Math.min(1, Math.max(0.6, Math.sqrt(1000 / Math.max(1, this.graph.order))));
    this.graph.forEachNode((node, attrs) => {
      const degree = this.graph.degree(node);
      this.graph.setNodeAttribute(node, "size", scale * Math.min(18, 4 + 2.2 * Math.log2(1 + degree) + (attrs.seed ? 3 : 0)));
    });
    return { nodes, edges };
  }

  // --- time range ------------------------------------------------------------------

  updateMonths(reset) {
    let first = null;
    let last = null;
    this.graph.forEachEdge((edge, attrs) => {
      if (attrs.from && (!first || attrs.from < first)) first = attrs.from;
      if (attrs.to && (!last || attrs.to > last)) last = attrs.to;
    });
    const wasAll = !this.range || (this.range[0] === this.months[0] && this.range[1] === this.months[this.months.length - 1]);
    this.months = first ? monthsBetween(first, last) : [];
    this.rangeBox.hidden = this.months.length < 2;
    const max = Math.max(0, this.months.length - 1);
    this.rangeFrom.max = String(max);
    this.rangeTo.max = String(max);
    if (reset || wasAll || !this.range) {
      this.rangeFrom.value = "0";
      this.rangeTo.value = String(max);
    } else {
      this.rangeFrom.value = String(Math.max(0, this.months.indexOf(this.range[0])));
      const to = this.months.indexOf(this.range[1]);
      this.rangeTo.value = String(to < 0 ? max : to);
    }
    this.onRangeInput(false);
  }

  onRangeInput(refresh = true) {
    let from = Number(this.rangeFrom.value);
    let to = Number(this.rangeTo.value);
    if (from > to) {
      if (document.activeElement === this.rangeTo || this.host.getRootNode().activeElement === this.rangeTo) from = to;
      else to = from;
      this.rangeFrom.value = String(from);
      this.rangeTo.value = String(to);
    }
    this.range = this.months.length ? [this.months[from], this.months[to]] : null;
    this.rangeLabel.value = this.range ? `${this.range[0]} – ${this.range[1]}` : "";
    if (refresh && this.sigma) {
      this.sigma.refresh();
      this.updateStatus();
    }
  }

  /** Set the time range by months (YYYY-MM); null for either end keeps it open. */
  setRange(from, to) {
    const index = (month, fallback) => {
      if (!month) return fallback;
      const i = this.months.findIndex((m) => m >= month);
      return i < 0 ? this.months.length - 1 : i;
    };
    this.rangeFrom.value = String(index(from, 0));
    this.rangeTo.value = String(to ? Math.max(0, this.months.filter((m) => m <= to).length - 1) : this.months.length - 1);
    this.onRangeInput();
  }

  edgeVisible(attrs) {
    if (this.hiddenTypes.has(attrs.relation)) return false;
    if (!this.range || !attrs.from) return true;
    return attrs.to >= this.range[0] && attrs.from <= this.range[1];
  }

  // --- rendering ---------------------------------------------------------------------

  mountSigma() {
    const theme = THEMES[this.theme];
    if (this.sigma) {
      this.sigma.setSetting("renderEdgeLabels", this.graph.size <= 150);
      this.sigma.refresh();
      return;
    }
    const fade = this.theme === "dark" ? "#2b313c" : "#e3e6ea";
    this.sigma = new Sigma(this.graph, this.stage, {
      allowInvalidContainer: true,
      enableEdgeEvents: true,
      renderEdgeLabels: this.graph.size <= 150,
      labelColor: { color: theme.label },
      edgeLabelColor: { color: theme.edgeLabel },
      // Small graphs name every node; large ones only nodes drawn big enough (zooming in shows more).
      labelRenderedSizeThreshold: this.graph.order <= 200 ? 0 : 7,
      labelDensity: 0.5,
      zIndex: true,
      defaultNodeType: "circle",
      defaultEdgeType: "line",
      nodeProgramClasses: { circle: NodeCircle, square: NodeSquare, ring: nodeRing(theme.ringFill) },
      edgeProgramClasses: { line: EdgeLine, arrow: EdgeArrow },
      nodeReducer: (node, attrs) => {
        if (!this.hovered || node === this.hovered || this.graph.areNeighbors(node, this.hovered)) {
          return node === this.hovered ? { ...attrs, highlighted: true, zIndex: 2 } : attrs;
        }
        return { ...attrs, color: fade, label: "", zIndex: 0 };
      },
      edgeReducer: (edge, attrs) => {
        if (!this.edgeVisible(attrs)) return { ...attrs, hidden: true };
        if (edge === this.selectedEdge) return { ...attrs, size: attrs.size + 2.5, zIndex: 2, forceLabel: true };
        if (this.hovered && !this.graph.hasExtremity(edge, this.hovered)) return { ...attrs, color: fade, label: "" };
        return attrs;
      },
    });
    // When frames are slow (a big graph on a software renderer), draw only nodes while the camera moves.
    // A frame's cost runs from the start of sigma's render to the next animation frame: without a GPU,
    // Chromium starts that one only once it has read the WebGL canvases back, so the cost includes the
    // drawing itself (SwiftShader's, on the CPU), not only sigma's JavaScript, which takes a few ms.
    const frameTimes = [];
    let frameStart = 0;
    this.sigma.on("beforeRender", () => {
      frameStart = performance.now();
    });
    this.sigma.on("afterRender", () => {
      const started = frameStart;
      requestAnimationFrame(() => {
        if (!this.sigma || this.sigma.getSetting("hideEdgesOnMove")) return;
        frameTimes.push(performance.now() - started);
        if (frameTimes.length > 5) frameTimes.shift();
        const slow = frameTimes.length >= 3 && [...frameTimes].sort((a, b) => a - b)[Math.floor(frameTimes.length / 2)] > 40;
        if (slow && this.graph.size > 1000) {
          this.sigma.setSetting("hideEdgesOnMove", true);
          this.sigma.setSetting("hideLabelsOnMove", true);
        }
      });
    });
    // Frames drawn while the camera moves skip the picking pass (webgl-programs.js). Once it stops, a
    // full frame must follow, or hover and click would read a picking texture left empty; it usually
    // does (the last frame of an animation), otherwise draw one.
    let pickingStale = false;
    const checkPicking = () => {
      if (cameraMoving(this.sigma)) this.pickingCheck = setTimeout(checkPicking, 150);
      else if (pickingStale) this.sigma.scheduleRender();
    };
    this.sigma.on("afterRender", () => {
      pickingStale = cameraMoving(this.sigma);
      if (!pickingStale) return;
      clearTimeout(this.pickingCheck);
      this.pickingCheck = setTimeout(checkPicking, 150);
    });
    this.sigma.on("afterRender", () => {
      if (this.timings.firstRender === null && this.graph.order > 0) {
        this.timings.firstRender = performance.now();
        this.emit("firstrender");
      }
    });
    this.sigma.on("enterNode", ({ node }) => {
      this.hovered = node;
      this.stage.classList.add("rg-pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on("leaveNode", () => {
      this.hovered = null;
      this.stage.classList.remove("rg-pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on("clickNode", ({ node }) => this.expand(node));
    this.sigma.on("enterEdge", ({ edge }) => {
      this.stage.classList.add("rg-pointer");
      this.showEdge(edge);
    });
    this.sigma.on("leaveEdge", () => this.stage.classList.remove("rg-pointer"));
    this.sigma.on("clickEdge", ({ edge }) => this.showEdge(edge));
  }

  // --- layout --------------------------------------------------------------------------

  worker() {
    if (this.workerState !== undefined) return this.workerState;
    this.workerState = null;
    try {
      const url = new URL(this.workerUrl, this.server || window.location.href);
      // A worker must come from the page's origin; elsewhere (a dashboard) the layout runs in slices here.
      if (url.origin === window.location.origin) this.workerState = new Worker(url);
    } catch {
      this.workerState = null;
    }
    return this.workerState;
  }

  /** The graph as the layout takes it: positions, sizes, edges as pairs of node indices, edge weights. */
  layoutInput() {
    const index = new Map();
    const positions = new Float32Array(this.graph.order * 2);
    const sizes = new Float32Array(this.graph.order);
    this.graph.forEachNode((node, attrs) => {
      const i = index.size;
      index.set(node, i);
      positions[2 * i] = attrs.x;
      positions[2 * i + 1] = attrs.y;
      sizes[i] = attrs.size;
    });
    const edges = new Float32Array(this.graph.size * 2);
    const weights = new Float32Array(this.graph.size);
    let e = 0;
    this.graph.forEachEdge((edge, attrs, source, target) => {
      edges[2 * e] = index.get(source);
      edges[2 * e + 1] = index.get(target);
      weights[e] = 1 + Math.log2(Math.max(1, attrs.claims || 1));
      e += 1;
    });
    return { positions, sizes, edges, weights };
  }

  layout(maxIterations) {
    this.stopLayout();
    const id = ++this.runId;
    if (this.data.query.layout === "circular") {
      circular.assign(this.graph, { scale: 100 });
      this.finishLayout(0);
      return;
    }
    const { positions, sizes, edges, weights } = this.layoutInput();
    this.layoutState = "running";
    this.layoutStarted = performance.now();
    this.updateStatus();
    // Draw intermediate positions at most once per `interval`: on a slow renderer, drawing every
    // message would keep the main thread busy and delay the stable layout.
    const interval = this.graph.order > 1000 ? 1000 : this.graph.order > 300 ? 250 : 0;
    let latest = null;
    let drawnAt = 0;
    let waiting = false;
    const apply = () => {
      waiting = false;
      if (id !== this.runId || !latest) return;
      const { pos, done, info } = latest;
      latest = null;
      drawnAt = performance.now();
      this.setPositions(pos);
      this.iterations = info.iterations;
      if (done) this.finishLayout(info.iterations);
    };
    const onPositions = (pos, done, info) => {
      if (id !== this.runId) return;
      latest = { pos, done, info };
      if (waiting) return;
      waiting = true;
      const wait = done ? 0 : Math.max(0, interval - (performance.now() - drawnAt));
      setTimeout(() => requestAnimationFrame(apply), wait);
    };
    const worker = this.worker();
    if (worker) {
      worker.onmessage = (event) => {
        if (event.data.id === id) onPositions(event.data.positions, event.data.done, event.data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.workerState = null;
        if (id === this.runId) this.layout(maxIterations);
      };
      worker.postMessage({ type: "run", id, positions, sizes, edges, weights, maxIterations }, [
        positions.buffer,
        sizes.buffer,
        edges.buffer,
        weights.buffer,
      ]);
      this.stopLayout = () => worker.postMessage({ type: "stop" });
    } else {
      const run = createRun({ positions, sizes, edges, weights });
      this.stopLayout = drive(run, {
        maxIterations,
        sliceMs: 30,
        schedule: (fn) => setTimeout(fn, 16),
        onPositions: (pos, done, info) => onPositions(pos, done, info),
      });
    }
  }

  finishLayout(iterations) {
    this.layoutState = "stable";
    this.iterations = iterations;
    this.stopLayout = () => {};
    if (this.sigma) this.sigma.refresh();
    // Stable means drawn at rest: wait for the frame that shows the final positions.
    requestAnimationFrame(() => {
      this.timings.stable = performance.now();
      this.updateStatus();
      this.emit("stable");
    });
  }

  // --- interactions -----------------------------------------------------------------------

  expansionUrl(nodeId) {
    const url = new URL(this.data.links.json, "http://x");
    url.searchParams.delete("seed");
    url.searchParams.set("seed", nodeId);
    url.searchParams.set("depth", "1");
    return url.pathname + url.search;
  }

  /** Fetch a node's neighbours (the same filters, depth 1) and add them; return the counts added. */
  async expand(nodeId) {
    const attrs = this.graph.getNodeAttributes(nodeId);
    this.showNode(nodeId, "Adding its neighbours…");
    let added;
    try {
      const data = await this.fetchJson(this.expansionUrl(nodeId));
      added = this.merge(data, { x: attrs.x, y: attrs.y });
    } catch (error) {
      this.showNode(nodeId, `Could not add its neighbours: ${error.message}`);
      throw error;
    }
    this.expanded.add(nodeId);
    this.updateMonths(false);
    this.updateLegend();
    this.mountSigma();
    this.showNode(nodeId, added.nodes || added.edges ? `Added ${added.nodes} nodes and ${added.edges} edges.` : "No new neighbours.");
    if (added.nodes || added.edges) this.layout(Math.round(iterationBudget(this.graph.order) / 2));
    this.updateStatus();
    this.emit("expand");
    return added;
  }

  showNode(nodeId, message) {
    const attrs = this.graph.getNodeAttributes(nodeId);
    const style = kindStyle(attrs.kind);
    const own = this.resolve(`/embed/graph?seed=${encodeURIComponent(nodeId)}`);
    this.panel.replaceChildren(
      h("h3", {}, attrs.name),
      h("p", { class: "rg-meta" }, h("span", { class: `rg-swatch rg-shape-${style.shape}`, "data-color": style.color }), ` ${attrs.kind} · ${this.graph.degree(nodeId)} edges`),
      h("p", {}, message),
      h("p", {}, h("a", { href: own, target: "_blank", rel: "noopener" }, "Open its own graph")),
    );
    this.paintSwatches(this.panel);
  }

  async showEdge(key) {
    if (!this.graph.hasEdge(key)) return;
    this.selectedEdge = key;
    this.sigma.refresh({ skipIndexation: true });
    const attrs = this.graph.getEdgeAttributes(key);
    const source = this.graph.getNodeAttributes(this.graph.source(key));
    const target = this.graph.getNodeAttributes(this.graph.target(key));
    const style = relationStyle(attrs.relation);
    const dates = attrs.first_seen === attrs.last_seen ? attrs.first_seen : `${attrs.first_seen} – ${attrs.last_seen}`;
    const list = h("ol", { class: "rg-claims" }, h("li", { class: "rg-hint" }, "Loading claims…"));
    this.panel.replaceChildren(
      h("h3", {}, h("span", { class: "rg-rel", "data-color": style.color }, attrs.relation)),
      h("p", {}, `${source.name} ${style.directed ? "→" : "—"} ${target.name}`),
      h(
        "p",
        { class: "rg-meta" },
        `${attrs.claims} claim${attrs.claims === 1 ? "" : "s"} in ${attrs.articles} article${attrs.articles === 1 ? "" : "s"}`,
        dates ? ` · ${dates}` : "",
        attrs.confidence !== undefined && attrs.confidence !== null ? ` · confidence ${attrs.confidence.toFixed(2)}` : "",
        attrs.hedged ? " · hedged" : "",
      ),
      list,
    );
    this.paintSwatches(this.panel);
    let claims = this.claimCache.get(key);
    try {
      if (!claims) {
        const url = new URL(this.data.links.claims, "http://x");
        url.searchParams.set("type", attrs.relation);
        url.searchParams.set("source", this.graph.source(key));
        url.searchParams.set("target", this.graph.target(key));
        claims = (await this.fetchJson(url.pathname + url.search)).claims;
        this.claimCache.set(key, claims);
      }
    } catch (error) {
      list.replaceChildren(h("li", { class: "rg-error" }, `Could not load the claims: ${error.message}`));
      return;
    }
    if (this.selectedEdge !== key) return;
    list.replaceChildren(
      ...claims.map((claim) =>
        h(
          "li",
          { class: claim.hedged ? "rg-claim rg-hedged" : "rg-claim" },
          h("blockquote", { class: "rg-evidence" }, claim.evidence),
          h(
            "p",
            { class: "rg-meta" },
            claim.date ? h("time", { datetime: claim.date }, claim.date) : "",
            claim.hedged ? " · hedged" : "",
            " · ",
            h("a", { href: this.resolve(claim.article.view), target: "_blank", rel: "noopener" }, claim.article.title || "article"),
            claim.article.source ? ` (${claim.article.source})` : "",
          ),
        ),
      ),
    );
    this.emit("claims");
  }

  notice(message) {
    this.toolbar.append(h("span", { class: "rg-notice" }, message));
  }

  // --- legend and status --------------------------------------------------------------------

  paintSwatches(root) {
    // Colours are set through the CSSOM (allowed by a strict CSP), never as inline style attributes.
    for (const el of root.querySelectorAll("[data-color]")) el.style.setProperty("--rg-color", el.dataset.color);
  }

  updateLegend() {
    const kinds = new Map();
    this.graph.forEachNode((_, attrs) => kinds.set(attrs.kind, (kinds.get(attrs.kind) || 0) + 1));
    const types = new Map();
    this.graph.forEachEdge((_, attrs) => {
      const seen = types.get(attrs.relation) || { edges: 0, claims: 0 };
      types.set(attrs.relation, { edges: seen.edges + 1, claims: seen.claims + (attrs.claims || 0) });
    });
    const kindItems = Object.keys(KINDS)
      .filter((kind) => kinds.has(kind))
      .map((kind) => {
        const style = kindStyle(kind);
        return h("li", {}, h("span", { class: `rg-swatch rg-shape-${style.shape}`, "data-color": style.color }), ` ${kind} ${kinds.get(kind)}`);
      });
    const typeItems = Object.keys(RELATIONS)
      .filter((type) => types.has(type))
      .map((type) => {
        const style = relationStyle(type);
        const { edges, claims } = types.get(type);
        return h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: this.hiddenTypes.has(type) ? "rg-type rg-off" : "rg-type",
              "aria-pressed": String(!this.hiddenTypes.has(type)),
              title: `Show or hide ${type} edges`,
              onclick: () => this.toggleType(type),
            },
            h("span", { class: `rg-line${style.directed ? " rg-arrow" : ""}`, "data-color": style.color }),
            ` ${type} ${edges} (${claims} claim${claims === 1 ? "" : "s"})`,
          ),
        );
      });
    this.legend.replaceChildren(h("ul", { class: "rg-kinds", "aria-label": "Entity kinds" }, kindItems), h("ul", { class: "rg-types", "aria-label": "Relation types" }, typeItems));
    this.paintSwatches(this.legend);
  }

  toggleType(type) {
    if (this.hiddenTypes.has(type)) this.hiddenTypes.delete(type);
    else this.hiddenTypes.add(type);
    this.updateLegend();
    this.sigma.refresh();
    this.updateStatus();
  }

  stats() {
    let visibleEdges = 0;
    this.graph.forEachEdge((_, attrs) => {
      if (this.edgeVisible(attrs)) visibleEdges += 1;
    });
    // Milliseconds since the page started loading (performance.now's origin).
    const since = (t) => (t === null ? null : Math.round(t));
    return {
      nodes: this.graph.order,
      edges: this.graph.size,
      visibleEdges,
      layout: this.layoutState,
      iterations: this.iterations,
      range: this.range,
      expanded: [...this.expanded],
      firstRenderMs: since(this.timings.firstRender),
      stableMs: since(this.timings.stable),
      worker: Boolean(this.workerState),
    };
  }

  updateStatus() {
    const s = this.stats();
    const edges = s.visibleEdges === s.edges ? `${s.edges} edges` : `${s.visibleEdges} of ${s.edges} edges`;
    const layout = s.layout === "running" ? " · laying out…" : "";
    this.status.textContent = `${s.nodes} nodes · ${edges}${layout}`;
  }

  // --- export ------------------------------------------------------------------------------

  svg() {
    const title = this.data ? this.data.query.seed.join(", ") : "racegraph";
    return toSvg(this.graph, { visible: (attrs) => this.edgeVisible(attrs), theme: THEMES[this.theme], title });
  }

  fileStem() {
    const seeds = this.data ? this.data.query.seed.join("-") : "graph";
    return `racegraph-${seeds.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  }

  saveSvg() {
    download(this.root, new Blob([this.svg()], { type: "image/svg+xml" }), `${this.fileStem()}.svg`);
  }

  async savePng() {
    download(this.root, await svgToPng(this.svg(), 2), `${this.fileStem()}.png`);
  }

  // --- events and test hooks -------------------------------------------------------------------

  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(name) {
    for (const listener of this.listeners) listener(name, this);
  }

  /** Hooks for tests and dashboards: counts, screen positions, actions. */
  hooks() {
    const viewport = (x, y) => {
      const point = this.sigma.graphToViewport({ x, y });
      const box = this.stage.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    };
    return {
      stats: () => this.stats(),
      sigma: () => this.sigma,
      nodes: () => this.graph.nodes(),
      edges: () => this.graph.edges(),
      nodePosition: (id) => {
        const { x, y } = this.graph.getNodeAttributes(id);
        return viewport(x, y);
      },
      edgePosition: (key) => {
        const s = this.graph.getNodeAttributes(this.graph.source(key));
        const t = this.graph.getNodeAttributes(this.graph.target(key));
        return viewport((s.x + t.x) / 2, (s.y + t.y) / 2);
      },
      expand: (id) => this.expand(id),
      showEdge: (key) => this.showEdge(key),
      setRange: (from, to) => this.setRange(from, to),
      svg: () => this.svg(),
      png: async () => {
        const blob = await svgToPng(this.svg(), 1);
        return new Uint8Array(await blob.arrayBuffer()).length;
      },
      // Frames sigma drew per second while the camera zoomed in and out and turned for `ms` (fluidity).
      fps: async (ms = 2000) => {
        const camera = this.sigma.getCamera();
        let frames = 0;
        const count = () => {
          frames += 1;
        };
        this.sigma.on("afterRender", count);
        const t0 = performance.now();
        await camera.animate({ ratio: 0.35, angle: 0.6 }, { duration: ms / 2 });
        await camera.animate({ ratio: 1, angle: 0 }, { duration: ms / 2 });
        const elapsed = performance.now() - t0;
        this.sigma.off("afterRender", count);
        return (frames * 1000) / elapsed;
      },
      whenStable: () =>
        new Promise((resolve) => {
          if (this.layoutState === "stable") resolve(this.stats());
          else {
            const off = this.on((name) => {
              if (name === "stable") {
                off();
                resolve(this.stats());
              }
            });
          }
        }),
    };
  }

  destroy() {
    clearTimeout(this.pickingCheck);
    this.stopLayout();
    this.runId += 1;
    if (this.workerState) this.workerState.terminate();
    if (this.sigma) this.sigma.kill();
    this.listeners.clear();
  }
}
