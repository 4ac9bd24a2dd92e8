// The legend under the graph: node kinds with their counts, and relation types with their edge and
// claim counts, each a button that shows or hides that type's edges.
import { h, kindSwatch, paintSwatches } from "./dom.js";
import { KINDS, RELATIONS, kindStyle, relationStyle } from "./palette.js";

/** Nodes per kind in `graph`. */
function countKinds(graph) {
  const kinds = new Map();
  graph.forEachNode((_, attrs) => kinds.set(attrs.kind, (kinds.get(attrs.kind) || 0) + 1));
  return kinds;
}

/** Edges and claims per relation type in `graph`: type -> {edges, claims}. */
function countRelations(graph) {
  const types = new Map();
  graph.forEachEdge((_, attrs) => {
    const seen = types.get(attrs.relation) || { edges: 0, claims: 0 };
    types.set(attrs.relation, { edges: seen.edges + 1, claims: seen.claims + (attrs.claims || 0) });
  });
  return types;
}

function typeButton(type, { edges, claims }, hidden, onToggle) {
  const style = relationStyle(type);
  return h(
    "button",
    {
      type: "button",
      class: hidden ? "rg-type rg-off" : "rg-type",
      "aria-pressed": String(!hidden),
      title: `Show or hide ${type} edges`,
      onclick: () => onToggle(type),
    },
    h("span", { class: `rg-line${style.directed ? " rg-arrow" : ""}`, "data-color": style.color }),
    ` ${type} ${edges} (${claims} claim${claims === 1 ? "" : "s"})`,
  );
}

/** Fill `legend` with the kinds and relation types of `graph`; `onToggle(type)` runs when a type is clicked. */
export function renderLegend(legend, graph, hiddenTypes, onToggle) {
  const kinds = countKinds(graph);
  const types = countRelations(graph);
  const kindItems = Object.keys(KINDS)
    .filter((kind) => kinds.has(kind))
    .map((kind) => h("li", {}, kindSwatch(kindStyle(kind)), ` ${kind} ${kinds.get(kind)}`));
  const typeItems = Object.keys(RELATIONS)
    .filter((type) => types.has(type))
    .map((type) => h("li", {}, typeButton(type, types.get(type), hiddenTypes.has(type), onToggle)));
  legend.replaceChildren(
    h("ul", { class: "rg-kinds", "aria-label": "Entity kinds" }, kindItems),
    h("ul", { class: "rg-types", "aria-label": "Relation types" }, typeItems),
  );
  paintSwatches(legend);
}
