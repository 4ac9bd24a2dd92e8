// GraphView: the interactive graph of a racegraph subgraph (the /embed/graph page and the
// <racegraph-view> element both mount one). WebGL rendering with sigma.js over a graphology graph,
// a ForceAtlas2 layout run once in a worker, edges filtered by a time range, claims on demand.
// This module wires the parts together and holds the view's state; each part has its own module.
import Graph from "graphology";
import { circular } from "graphology-layout";

import { h, paintSwatches } from "./dom.js";
import { download, fileStem, svgToPng, toSvg } from "./export-image.js";
import { claimItems, edgeDetails, nodeDetails } from "./evidence-panel.js";
import { GraphApi, claimsPath, expansionPath, pathWith } from "./fetch-graph.js";
import { iterationBudget } from "./layout.js";
import { layoutInput, openWorker, placeRadially, redrawInterval, setPositions, startLayout, throttledPositions } from "./layout-runner.js";
import { renderLegend } from "./legend.js";
import { mergeGraph, seedTest, sizeByDegree } from "./merge-graph.js";
import { assignCommunityColors, colorNodes, setOverlay, sizeByCentrality } from "./node-style.js";
import { OTHER_COMMUNITY, THEMES } from "./palette.js";
import { createSigma, hideEdgesWhenSlow, redrawPickingAfterMoves } from "./sigma-setup.js";
import { viewHooks } from "./test-hooks.js";
import { TimeFilter } from "./time-filter.js";
import { buildFrame } from "./view-frame.js";

export class GraphView {
  /**
   * @param {HTMLElement} host where to draw (emptied)
   * @param {object} options server (base URL, "" for this origin), apiKey (sent as X-API-Key),
   *   workerUrl (the layout worker script)
   */
  constructor(host, { server = "", apiKey = null, workerUrl = "/static/layout-worker.js" } = {}) {
    this.host = host;
    this.server = server;
    this.api = new GraphApi(server, apiKey);
    this.workerUrl = workerUrl;
    this.graph = new Graph({ multi: true, type: "directed", allowSelfLoops: false });
    this.sigma = null;
    this.data = null;
    this.hovered = null;
    this.selectedEdge = null;
    this.hiddenTypes = new Set();
    this.expanded = new Set();
    this.claimCache = new Map();
    this.runId = 0;
    this.stopLayout = () => {};
    this.layoutState = "idle";
    this.iterations = 0;
    this.timings = { firstRender: null, stable: null }; // performance.now() of those frames
    this.workerState = undefined; // undefined: not tried; null: unavailable; else a Worker
    this.picking = null; // see mountSigma
    this.resizeWatch = null; // see mountSigma
    this.listeners = new Set();
    this.timeFilter = new TimeFilter(() => this.redraw());
    // Node colour and size ("kind" or "community"; "links" or a centrality measure), and what the nodes'
    // `community` and `centrality` hold (asked of the server when a menu first needs them).
    this.nodeStyle = { color: "kind", size: "links" };
    this.overlay = { color: "kind", size: "links" };
    this.drawnStyle = { ...this.nodeStyle }; // the colour and size the nodes are drawn with (stats)
    this.communityColors = new Map(); // community id -> colour
    this.communities = new Map(); // community id -> {id, label, size}
    this.buildDom();
  }

  buildDom() {
    this.host.replaceChildren();
    Object.assign(
      this,
      buildFrame(this.timeFilter.box, {
        png: () => this.savePng(),
        svg: () => this.saveSvg(),
        fit: () => this.sigma && this.sigma.getCamera().animatedReset(),
        color: (color) => this.setNodeStyle({ color }),
        size: (size) => this.setNodeStyle({ size }),
      }),
    );
    this.host.append(this.root);
  }

  setTheme(name) {
    this.theme = THEMES[name] ? name : "light";
    this.root.classList.toggle("rg-theme-dark", this.theme === "dark");
  }

  /** Show a subgraph (the JSON of /embed/graph.json). */
  load(data) {
    this.data = data;
    this.setTheme(data.query.theme);
    this.isSeed = seedTest(data.query.seed);
    this.graph.clear();
    mergeGraph(this.graph, data, null, this.isSeed);
    this.nodeStyle = { color: data.query.color || "kind", size: data.query.size || "links" };
    this.overlay = { ...this.nodeStyle };
    this.colorMenu.value = this.nodeStyle.color;
    this.sizeMenu.value = this.nodeStyle.size;
    this.addOverlay(data);
    this.paintNodes();
    if (data.query.layout !== "circular") placeRadially(this.graph);
    this.timeFilter.update(this.graph, true);
    this.mountSigma();
    this.layout(iterationBudget(this.graph.order));
    this.updateLegend();
    this.updateStatus();
    if (data.truncated) this.notice(`Only the first ${data.query.maxNodes} nodes are shown.`);
  }

  // --- time range and relation types -----------------------------------------------

  /** Draw again after a filter changed. */
  redraw() {
    if (!this.sigma) return;
    this.sigma.refresh();
    this.updateStatus();
  }

  /** Set the time range by months (YYYY-MM); null for either end keeps it open. */
  setRange(from, to) {
    this.timeFilter.set(from, to);
  }

  edgeVisible(attrs) {
    return !this.hiddenTypes.has(attrs.relation) && this.timeFilter.includes(attrs);
  }

  toggleType(type) {
    if (this.hiddenTypes.has(type)) this.hiddenTypes.delete(type);
    else this.hiddenTypes.add(type);
    this.updateLegend();
    this.redraw();
  }

  // --- rendering ---------------------------------------------------------------------

  mountSigma() {
    if (this.sigma) {
      this.sigma.setSetting("renderEdgeLabels", this.graph.size <= 150);
      this.sigma.refresh();
      return;
    }
    this.sigma = createSigma(this.graph, this.stage, this.theme, this);
    hideEdgesWhenSlow(this.sigma, this.graph);
    this.picking = redrawPickingAfterMoves(this.sigma);
    // Sigma fits its canvases to the stage only when it draws: draw again when the stage changes size
    // (the toolbar wrapping onto another line, a dashboard resizing its panel), or pointers miss.
    this.resizeWatch = new ResizeObserver(() => this.sigma && this.sigma.refresh({ skipIndexation: true }));
    this.resizeWatch.observe(this.stage);
    this.sigma.on("afterRender", () => {
      if (this.timings.firstRender === null && this.graph.order > 0) {
        this.timings.firstRender = performance.now();
        this.emit("firstrender");
      }
    });
    this.bindPointer();
  }

  /** Hover fades all but a node's neighbourhood; clicking a node expands it, an edge shows its claims. */
  bindPointer() {
    const hover = (node) => {
      this.hovered = node;
      this.stage.classList.toggle("rg-pointer", node !== null);
      this.sigma.refresh({ skipIndexation: true });
    };
    this.sigma.on("enterNode", ({ node }) => hover(node));
    this.sigma.on("leaveNode", () => hover(null));
    this.sigma.on("clickNode", ({ node }) => this.expand(node));
    this.sigma.on("enterEdge", ({ edge }) => {
      this.stage.classList.add("rg-pointer");
      this.showEdge(edge);
    });
    this.sigma.on("leaveEdge", () => this.stage.classList.remove("rg-pointer"));
    this.sigma.on("clickEdge", ({ edge }) => this.showEdge(edge));
  }

  /** Whether the camera is still and hover and click work (see redrawPickingAfterMoves). */
  pickable() {
    return Boolean(this.picking && this.picking.ready());
  }

  // --- layout --------------------------------------------------------------------------

  worker() {
    if (this.workerState === undefined) this.workerState = openWorker(this.workerUrl, this.server);
    return this.workerState;
  }

  layout(maxIterations) {
    this.stopLayout();
    const id = ++this.runId;
    if (this.data.query.layout === "circular") {
      circular.assign(this.graph, { scale: 100 });
      this.finishLayout(0);
      return;
    }
    const input = layoutInput(this.graph);
    this.layoutState = "running";
    this.updateStatus();
    const current = () => id === this.runId;
    const onPositions = throttledPositions(redrawInterval(this.graph.order), current, ({ pos, done, info }) => {
      setPositions(this.graph, pos);
      this.iterations = info.iterations;
      if (done) this.finishLayout(info.iterations);
    });
    const onWorkerError = () => {
      this.workerState = null;
      if (current()) this.layout(maxIterations);
    };
    this.stopLayout = startLayout(this.worker(), id, input, maxIterations, onPositions, onWorkerError);
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

  /** Fetch a node's neighbours (the same filters, depth 1) and add them; return the counts added. */
  async expand(nodeId) {
    const attrs = this.graph.getNodeAttributes(nodeId);
    this.showNode(nodeId, "Adding its neighbours…");
    let added;
    try {
      const data = await this.api.json(this.withOverlay(expansionPath(this.data.links.json, nodeId)));
      added = mergeGraph(this.graph, data, { x: attrs.x, y: attrs.y }, this.isSeed);
      this.addOverlay(data);
      this.paintNodes();
    } catch (error) {
      this.showNode(nodeId, `Could not add its neighbours: ${error.message}`);
      throw error;
    }
    this.expanded.add(nodeId);
    this.timeFilter.update(this.graph, false);
    this.updateLegend();
    this.mountSigma();
    this.showNode(nodeId, added.nodes || added.edges ? `Added ${added.nodes} nodes and ${added.edges} edges.` : "No new neighbours.");
    if (added.nodes || added.edges) this.layout(Math.round(iterationBudget(this.graph.order) / 2));
    this.updateStatus();
    this.emit("expand");
    return added;
  }

  showNode(nodeId, message) {
    const own = this.api.url(`/embed/graph?seed=${encodeURIComponent(nodeId)}`);
    this.panel.replaceChildren(...nodeDetails(this.graph, nodeId, message, own));
    paintSwatches(this.panel);
  }

  /** Show an edge in the panel, then the claims behind it (fetched once per edge). */
  async showEdge(key) {
    if (!this.graph.hasEdge(key)) return;
    this.selectedEdge = key;
    this.sigma.refresh({ skipIndexation: true });
    const list = h("ol", { class: "rg-claims" }, h("li", { class: "rg-hint" }, "Loading claims…"));
    this.panel.replaceChildren(...edgeDetails(this.graph, key), list);
    paintSwatches(this.panel);
    let claims = this.claimCache.get(key);
    try {
      if (!claims) {
        const path = claimsPath(this.data.links.claims, this.graph.getEdgeAttribute(key, "relation"), this.graph.source(key), this.graph.target(key));
        claims = (await this.api.json(path)).claims;
        this.claimCache.set(key, claims);
      }
    } catch (error) {
      list.replaceChildren(h("li", { class: "rg-error" }, `Could not load the claims: ${error.message}`));
      return;
    }
    if (this.selectedEdge !== key) return;
    list.replaceChildren(...claimItems(claims, (path) => this.api.url(path)));
    this.emit("claims");
  }

  notice(message) {
    this.toolbar.append(h("span", { class: "rg-notice" }, message));
  }

  // --- node colour and size ----------------------------------------------------------------

  /** `path` (a subgraph's JSON) asking for the communities and centrality the nodes hold. */
  withOverlay(path) {
    return pathWith(path, this.overlay);
  }

  /** Keep the communities and centrality of a subgraph's JSON `data` (see app/graph_overlay.py). */
  addOverlay(data) {
    setOverlay(this.graph, data.nodes);
    for (const community of data.communities || []) this.communities.set(community.id, community);
    assignCommunityColors(this.communityColors, data.communities || []);
  }

  /** Colour and size the nodes by `nodeStyle`, then draw again. */
  paintNodes() {
    colorNodes(this.graph, this.nodeStyle.color, this.communityColors, this.theme);
    if (this.nodeStyle.size === "links") sizeByDegree(this.graph);
    else sizeByCentrality(this.graph);
    this.drawnStyle = { ...this.nodeStyle };
    this.updateLegend();
    if (this.sigma) this.sigma.refresh();
  }

  /**
   * Colour by `color` and size by `size` (either may be left out). The first time a community or measure
   * is asked for, its values for every node come from the server: the subgraph and each expansion again.
   */
  async setNodeStyle({ color = this.nodeStyle.color, size = this.nodeStyle.size }) {
    this.nodeStyle = { color, size };
    this.colorMenu.value = color;
    this.sizeMenu.value = size;
    const missing = (color === "community" && this.overlay.color !== "community") || (size !== "links" && size !== this.overlay.size);
    if (missing) {
      const had = this.overlay;
      this.overlay = { color: color === "community" ? color : this.overlay.color, size: size !== "links" ? size : this.overlay.size };
      this.status.textContent = "Computing communities and centrality…";
      const paths = [this.data.links.json, ...[...this.expanded].map((node) => expansionPath(this.data.links.json, node))];
      try {
        for (const data of await Promise.all(paths.map((path) => this.api.json(this.withOverlay(path))))) this.addOverlay(data);
      } catch (error) {
        this.overlay = had;
        this.notice(`Could not colour or size the nodes: ${error.message}`);
      }
    }
    if (this.nodeStyle.color !== color || this.nodeStyle.size !== size) return; // a later choice won
    this.paintNodes();
    this.updateStatus();
    this.emit("style");
  }

  // --- legend and status --------------------------------------------------------------------

  updateLegend() {
    const communities =
      this.nodeStyle.color === "community" ? { colors: this.communityColors, known: this.communities, other: OTHER_COMMUNITY[this.theme] } : null;
    renderLegend(this.legend, this.graph, this.hiddenTypes, (type) => this.toggleType(type), communities);
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
      range: this.timeFilter.range,
      expanded: [...this.expanded],
      firstRenderMs: since(this.timings.firstRender),
      stableMs: since(this.timings.stable),
      worker: Boolean(this.workerState),
      color: this.drawnStyle.color,
      size: this.drawnStyle.size,
      communities: this.communityColors.size,
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

  saveSvg() {
    download(this.root, new Blob([this.svg()], { type: "image/svg+xml" }), `${fileStem(this.data && this.data.query.seed)}.svg`);
  }

  async savePng() {
    download(this.root, await svgToPng(this.svg(), 2), `${fileStem(this.data && this.data.query.seed)}.png`);
  }

  // --- events and hooks -------------------------------------------------------------------

  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(name) {
    for (const listener of this.listeners) listener(name, this);
  }

  /** Hooks for tests and dashboards: counts, screen positions, actions (see test-hooks.js). */
  hooks() {
    return viewHooks(this);
  }

  destroy() {
    if (this.picking) this.picking.stop();
    if (this.resizeWatch) this.resizeWatch.disconnect();
    this.stopLayout();
    this.runId += 1;
    if (this.workerState) this.workerState.terminate();
    if (this.sigma) this.sigma.kill();
    this.listeners.clear();
  }
}
