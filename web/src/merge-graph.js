// Adding a subgraph from the server (the JSON of /embed/graph.json) to the graphology graph the view
// draws: node and edge attributes as sigma and the panels read them, and node sizes by degree (which
// the view sets after each merge, unless it sizes nodes by centrality: node-style.js).
import { kindStyle, relationStyle } from "./palette.js";
import { monthOf } from "./time-filter.js";

/** The key of an edge in the graph: one edge per relation type and ordered pair. */
export const edgeKey = (e) => `${e.type}|${e.source}|${e.target}`;

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

/** A test of whether a node (id, name) is one of the query's `seeds`, case-insensitively. */
export function seedTest(seeds) {
  const lower = new Set(seeds.map((s) => s.toLowerCase()));
  return (id, name) => lower.has(id.toLowerCase()) || lower.has(String(name).toLowerCase());
}

function nodeAttributes(node, x, y, seed) {
  const style = kindStyle(node.kind);
  return { label: node.name, name: node.name, kind: node.kind, x, y, color: style.color, type: style.shape, seed, forceLabel: seed, size: 4 };
}

function edgeAttributes(edge) {
  const style = relationStyle(edge.type);
  return {
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
  };
}

/** Add the new nodes of `nodes`, scattered around `near` (or the origin); return how many. */
function addNodes(graph, nodes, near, isSeed) {
  const spread = Math.max(10, Math.sqrt(graph.order + nodes.length) * 10);
  let added = 0;
  for (const node of nodes) {
    if (graph.hasNode(node.id)) continue;
    const [dx, dy] = hashPoint(node.id);
    const x = near ? near.x + dx * spread * 0.1 : dx * spread;
    const y = near ? near.y + dy * spread * 0.1 : dy * spread;
    graph.addNode(node.id, nodeAttributes(node, x, y, isSeed(node.id, node.name)));
    added += 1;
  }
  return added;
}

/** Add the new edges of `edges` whose two ends are in the graph; return how many. */
function addEdges(graph, edges) {
  let added = 0;
  for (const edge of edges) {
    const key = edgeKey(edge);
    if (graph.hasEdge(key)) continue;
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.addDirectedEdgeWithKey(key, edge.source, edge.target, edgeAttributes(edge));
    added += 1;
  }
  return added;
}

/** How much smaller nodes are drawn in a graph of `order` nodes: 1 up to 1,000 nodes, down to 0.6. */
export function nodeScale(order) {
  // Above 1,000 nodes, smaller nodes: at full size 5,000 of them cover the stage almost three times
  // over, hiding the edges (and a software renderer pays for every covered pixel).
  return Math.min(1, Math.max(0.6, Math.sqrt(1000 / Math.max(1, order))));
}

/** Size every node by its degree (seeds a little bigger). */
export function sizeByDegree(graph) {
  const scale = nodeScale(graph.order);
  graph.forEachNode((node, attrs) => {
    const degree = graph.degree(node);
    graph.setNodeAttribute(node, "size", scale * Math.min(18, 4 + 2.2 * Math.log2(1 + degree) + (attrs.seed ? 3 : 0)));
  });
}

/**
 * Add the nodes and edges of `data` that are new to `graph`, placing new nodes around `near` ({x, y}
 * or null); `isSeed(id, name)` marks the query's seeds. Returns the counts added: {nodes, edges}.
 */
export function mergeGraph(graph, data, near, isSeed) {
  const nodes = addNodes(graph, data.nodes, near, isSeed);
  const edges = addEdges(graph, data.edges);
  return { nodes, edges };
}
