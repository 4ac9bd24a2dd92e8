// The legend under the graph: node kinds (or, coloured by community, the communities) with their counts,
// and relation types with their edge and claim counts, each a button that shows or hides that type's edges.
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

/**
 * The items of the communities with a colour of `communities` ({colors: id -> colour, known: id ->
 * {label, size}, other: the colour of the rest}), most shown first, then one item for the rest.
 */
function communityItems(graph, { colors, known, other }) {
  const shown = new Map();
  let rest = 0;
  graph.forEachNode((_, attrs) => {
    if (colors.has(attrs.community)) shown.set(attrs.community, (shown.get(attrs.community) || 0) + 1);
    else rest += 1;
  });
  const items = [...shown]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([id, count]) => {
      const { label, size } = known.get(id);
      return h(
        "li",
        { title: `Community ${id}: ${size} members in the graph` },
        kindSwatch({ shape: "circle", color: colors.get(id) }),
        ` ${count} `,
        h("span", { class: "rg-community-label" }, label),
      );
    });
  if (rest) items.push(h("li", { title: "Smaller communities, and entities with no edge of these types" }, kindSwatch({ shape: "circle", color: other }), ` ${rest} other`));
  return items;
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

/**
 * Fill `legend` with the kinds (or the communities, when `communities` is given: see communityItems) and
 * relation types of `graph`; `onToggle(type)` runs when a type is clicked.
 */
export function renderLegend(legend, graph, hiddenTypes, onToggle, communities = null) {
  const kinds = countKinds(graph);
  const types = countRelations(graph);
  const nodeItems = communities
    ? communityItems(graph, communities)
    : Object.keys(KINDS)
        .filter((kind) => kinds.has(kind))
        .map((kind) => h("li", {}, kindSwatch(kindStyle(kind)), ` ${kind} ${kinds.get(kind)}`));
  const typeItems = Object.keys(RELATIONS)
    .filter((type) => types.has(type))
    .map((type) => h("li", {}, typeButton(type, types.get(type), hiddenTypes.has(type), onToggle)));
  legend.replaceChildren(
    communities
      ? h("ul", { class: "rg-communities", "aria-label": "Communities" }, nodeItems)
      : h("ul", { class: "rg-kinds", "aria-label": "Entity kinds" }, nodeItems),
    h("ul", { class: "rg-types", "aria-label": "Relation types" }, typeItems),
  );
  paintSwatches(legend);
}
