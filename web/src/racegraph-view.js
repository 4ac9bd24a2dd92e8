// <racegraph-view>: the graph view as a custom element, for dashboards that prefer a script tag.
//
//   <script src="https://racegraph.example/static/racegraph-view.js"></script>
//   <racegraph-view seed="Japan;country:china" depth="1" types="ALLIED_WITH,MET_WITH"
//                   since="2025-01" until="2025-12" min-claims="1" layout="force" theme="dark"
//                   color="community" size="pagerank"
//                   server="https://racegraph.example" api-key="rg_..."></racegraph-view>
//
// Attributes are the /embed/graph parameters (several seeds separated by ";"), plus `server` (base
// URL; default: where this script came from) and `api-key` (sent as the X-API-Key header).
// The server must allow the dashboard's origin in RACEGRAPH_CORS_ORIGINS.
import { GraphView } from "./graph-view.js";
import css from "./graph.css";

const SCRIPT_ORIGIN = document.currentScript ? new URL(document.currentScript.src, window.location.href).origin : "";
const PARAMS = { depth: "depth", types: "types", since: "since", until: "until", "min-claims": "minClaims", "max-nodes": "maxNodes", layout: "layout", theme: "theme", color: "color", size: "size" };

class RacegraphView extends HTMLElement {
  static get observedAttributes() {
    return ["seed", "server", "api-key", ...Object.keys(PARAMS)];
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`:host { display: block; height: 480px; position: relative; } ${css}`);
      root.adoptedStyleSheets = [sheet];
      this.container = document.createElement("div");
      this.container.className = "rg-host";
      root.append(this.container);
    }
    this.reload();
  }

  disconnectedCallback() {
    if (this.view) this.view.destroy();
    this.view = null;
  }

  attributeChangedCallback() {
    if (!this.isConnected || this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.reload();
    });
  }

  get server() {
    return (this.getAttribute("server") || SCRIPT_ORIGIN || window.location.origin).replace(/\/$/, "");
  }

  /** The JSON twin of /embed/graph for the current attributes. */
  dataUrl() {
    const params = new URLSearchParams();
    for (const seed of (this.getAttribute("seed") || "").split(";")) if (seed.trim()) params.append("seed", seed.trim());
    for (const [attribute, name] of Object.entries(PARAMS)) {
      const value = this.getAttribute(attribute);
      if (value) params.set(name, value);
    }
    return `${this.server}/embed/graph.json?${params}`;
  }

  async reload() {
    if (!this.container) return;
    if (this.view) this.view.destroy();
    const view = new GraphView(this.container, {
      server: this.server,
      apiKey: this.getAttribute("api-key"),
      workerUrl: `${this.server}/static/layout-worker.js`,
    });
    this.view = view;
    this.racegraph = view.hooks();
    try {
      const data = await view.api.json(this.dataUrl());
      if (this.view !== view) return;
      view.load(data);
      this.dispatchEvent(new CustomEvent("racegraph-load", { detail: view.stats() }));
    } catch (error) {
      view.status.textContent = `Could not load the graph: ${error.message}`;
      this.dispatchEvent(new CustomEvent("racegraph-error", { detail: error.message }));
    }
  }
}

if (!customElements.get("racegraph-view")) customElements.define("racegraph-view", RacegraphView);
