// How nodes are coloured and sized: by kind and by the edges shown (the default), or by community and
// by a centrality measure, both computed by the server over the shown graph's types and window (the
// nodes' `community` and `centrality`, see app/graph_overlay.py).
import { nodeScale } from "./merge-graph.js";
import { COMMUNITY_COLORS, OTHER_COMMUNITY, kindStyle } from "./palette.js";

/** Give each community of `communities` ({id}, most shown first) without a colour the next free one. */
export function assignCommunityColors(colors, communities) {
  for (const { id } of communities) {
    if (!colors.has(id) && colors.size < COMMUNITY_COLORS.length) colors.set(id, COMMUNITY_COLORS[colors.size]);
  }
}

/** The colour of a node: its kind's, or its community's (`colors`: id -> colour) on `themeName`. */
function nodeColor(attrs, mode, colors, themeName) {
  if (mode !== "community") return kindStyle(attrs.kind).color;
  return colors.get(attrs.community) || OTHER_COMMUNITY[themeName] || OTHER_COMMUNITY.light;
}

/** Colour every node of `graph` by `mode` ("kind" or "community"). */
export function colorNodes(graph, mode, colors, themeName) {
  graph.forEachNode((node, attrs) => graph.setNodeAttribute(node, "color", nodeColor(attrs, mode, colors, themeName)));
}

/** Size every node of `graph` by its `centrality`, the highest shown largest; nodes without a score smallest. */
export function sizeByCentrality(graph) {
  let highest = 0;
  graph.forEachNode((_, attrs) => {
    highest = Math.max(highest, attrs.centrality || 0);
  });
  const scale = nodeScale(graph.order);
  graph.forEachNode((node, attrs) => {
    // The square root: the area, not the radius, grows with the score.
    const share = highest > 0 && attrs.centrality ? Math.sqrt(attrs.centrality / highest) : 0;
    graph.setNodeAttribute(node, "size", scale * (3 + 15 * share));
  });
}

/** Set the `community` and `centrality` the server gave for `nodes` on the nodes of `graph` holding them. */
export function setOverlay(graph, nodes) {
  for (const node of nodes) {
    if (!graph.hasNode(node.id)) continue;
    if ("community" in node) graph.setNodeAttribute(node.id, "community", node.community);
    if ("centrality" in node) graph.setNodeAttribute(node.id, "centrality", node.centrality);
  }
}
