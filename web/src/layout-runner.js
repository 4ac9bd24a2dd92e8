// Running the ForceAtlas2 layout of the view: the graph as typed arrays, a run in the worker (or in
// slices on the main thread where no worker can start), and positions drawn at a bounded rate.
import { createRun, drive, radialStart } from "./layout.js";

/** The graph as the layout takes it: positions, sizes, edges as pairs of node indices, edge weights. */
export function layoutInput(graph) {
  const index = new Map();
  const positions = new Float32Array(graph.order * 2);
  const sizes = new Float32Array(graph.order);
  graph.forEachNode((node, attrs) => {
    const i = index.size;
    index.set(node, i);
    positions[2 * i] = attrs.x;
    positions[2 * i + 1] = attrs.y;
    sizes[i] = attrs.size;
  });
  const edges = new Float32Array(graph.size * 2);
  const weights = new Float32Array(graph.size);
  let e = 0;
  graph.forEachEdge((edge, attrs, source, target) => {
    edges[2 * e] = index.get(source);
    edges[2 * e + 1] = index.get(target);
    weights[e] = 1 + Math.log2(Math.max(1, attrs.claims || 1));
    e += 1;
  });
  return { positions, sizes, edges, weights };
}

/** Move the nodes of `graph`, in graph order, to `pos`: x0, y0, x1, y1, ... */
export function setPositions(graph, pos) {
  let i = 0;
  graph.updateEachNodeAttributes(
    (node, attrs) => {
      attrs.x = pos[2 * i];
      attrs.y = pos[2 * i + 1];
      i += 1;
      return attrs;
    },
    { attributes: ["x", "y"] },
  );
}

/** Put the nodes where ForceAtlas2 settles soon: a radial tree (see layout.js), the same on every load. */
export function placeRadially(graph) {
  const { edges } = layoutInput(graph);
  setPositions(graph, radialStart(graph.order, edges, Math.max(10, Math.sqrt(graph.order) * 10) / 4));
}

/** The layout worker at `workerUrl` (relative to `server`), or null where none can start. */
export function openWorker(workerUrl, server) {
  try {
    const url = new URL(workerUrl, server || window.location.href);
    // A worker must come from the page's origin; elsewhere (a dashboard) the layout runs in slices here.
    if (url.origin === window.location.origin) return new Worker(url);
  } catch {
    return null;
  }
  return null;
}

/**
 * A receiver of the run's positions (pos, done, info) that hands the latest to `draw({pos, done, info})`
 * at most once per `interval` ms, in an animation frame, and the last one at once; positions of a
 * run that is no longer `current()` are dropped.
 */
export function throttledPositions(interval, current, draw) {
  // On a slow renderer, drawing every message would keep the main thread busy and delay the stable layout.
  let latest = null;
  let drawnAt = 0;
  let waiting = false;
  const apply = () => {
    waiting = false;
    if (!current() || !latest) return;
    const positions = latest;
    latest = null;
    drawnAt = performance.now();
    draw(positions);
  };
  return (pos, done, info) => {
    if (!current()) return;
    latest = { pos, done, info };
    if (waiting) return;
    waiting = true;
    const wait = done ? 0 : Math.max(0, interval - (performance.now() - drawnAt));
    setTimeout(() => requestAnimationFrame(apply), wait);
  };
}

/** How often (ms) to draw intermediate positions of a graph of `order` nodes. */
export function redrawInterval(order) {
  return order > 1000 ? 1000 : order > 300 ? 250 : 0;
}

/**
 * Run the layout of `input` (see layoutInput) as run `id` in `worker`, or in slices here when `worker`
 * is null; `onPositions(pos, done, info)` receives the positions, `onError()` a worker's failure.
 * Returns a function that stops the run.
 */
export function startLayout(worker, id, input, maxIterations, onPositions, onError) {
  if (!worker) {
    return drive(createRun(input), { maxIterations, sliceMs: 30, schedule: (fn) => setTimeout(fn, 16), onPositions });
  }
  worker.onmessage = (event) => {
    if (event.data.id === id) onPositions(event.data.positions, event.data.done, event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onError();
  };
  const { positions, sizes, edges, weights } = input;
  worker.postMessage({ type: "run", id, positions, sizes, edges, weights, maxIterations }, [positions.buffer, sizes.buffer, edges.buffer, weights.buffer]);
  return () => worker.postMessage({ type: "stop" });
}
