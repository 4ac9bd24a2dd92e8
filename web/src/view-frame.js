// The fixed elements of the view: a toolbar (status, date range, image and fit buttons), the stage
// sigma draws in, the side panel for evidence, and the legend.
import { h } from "./dom.js";

const HINT = "Hover or click an edge to read its evidence; click a node to add its neighbours.";

/**
 * The view's elements, around `rangeBox` (the date sliders); `actions` holds the png, svg and fit
 * handlers of the toolbar's buttons. Returns {root, toolbar, status, stage, panel, legend}.
 */
export function buildFrame(rangeBox, actions) {
  const status = h("span", { class: "rg-status", role: "status" }, "Loading…");
  const button = (label, action, title) => h("button", { type: "button", title, onclick: action }, label);
  const toolbar = h(
    "div",
    { class: "rg-toolbar" },
    status,
    rangeBox,
    h(
      "div",
      { class: "rg-actions" },
      button("PNG", actions.png, "Download the graph as a PNG image"),
      button("SVG", actions.svg, "Download the graph as an SVG image"),
      button("Fit", actions.fit, "Show the whole graph"),
    ),
  );
  const stage = h("div", { class: "rg-stage" });
  const panel = h("aside", { class: "rg-panel", "aria-live": "polite" }, h("p", { class: "rg-hint" }, HINT));
  const legend = h("div", { class: "rg-legend" });
  const root = h("div", { class: "rg-root" }, toolbar, h("div", { class: "rg-body" }, stage, panel), legend);
  return { root, toolbar, status, stage, panel, legend };
}
