// The fixed elements of the view: a toolbar (status, date range, node colour and size, image and fit
// buttons), the stage sigma draws in, the side panel for evidence, and the legend.
import { h } from "./dom.js";

// The choices of the node colour and size menus: the values of the `color` and `size` URL parameters.
const COLOR_CHOICES = { kind: "kind", community: "community" };
const SIZE_CHOICES = { links: "edges", pagerank: "PageRank", betweenness: "betweenness", degree: "degree", eigenvector: "eigenvector" };

/** A labelled menu of `choices` (value -> text) calling `onChange(value)`. */
function menu(label, className, title, choices, onChange) {
  const select = h(
    "select",
    { class: className, title, onchange: (event) => onChange(event.target.value) },
    Object.entries(choices).map(([value, text]) => h("option", { value }, text)),
  );
  return { select, box: h("label", { class: "rg-menu" }, `${label} `, select) };
}

const HINT = "Hover or click an edge to read its evidence; click a node to add its neighbours.";

/**
 * The view's elements, around `rangeBox` (the date sliders); `actions` holds the png, svg and fit
 * handlers of the toolbar's buttons and the color and size handlers of its menus (called with the value
 * chosen). Returns {root, toolbar, status, colorMenu, sizeMenu, stage, panel, legend}.
 */
export function buildFrame(rangeBox, actions) {
  const status = h("span", { class: "rg-status", role: "status" }, "Loading…");
  const color = menu("Colour", "rg-color", "Colour the nodes by kind, or by community over the shown types and dates", COLOR_CHOICES, actions.color);
  const size = menu("Size", "rg-size", "Size the nodes by their edges here, or by a centrality over the shown types and dates", SIZE_CHOICES, actions.size);
  const button = (label, action, title) => h("button", { type: "button", title, onclick: action }, label);
  const toolbar = h(
    "div",
    { class: "rg-toolbar" },
    status,
    rangeBox,
    color.box,
    size.box,
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
  return { root, toolbar, status, colorMenu: color.select, sizeMenu: size.select, stage, panel, legend };
}
