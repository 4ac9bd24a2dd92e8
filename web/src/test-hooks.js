// Hooks for tests, benchmarks and dashboards (window.racegraphView on /embed/graph, the `racegraph`
// property of <racegraph-view>): counts, screen positions of nodes and edges, actions, timings.
import { svgToPng } from "./export-image.js";

/** Frames `sigma` drew per second while its camera zoomed in and out and turned for `ms` (fluidity). */
async function cameraFps(sigma, ms) {
  const camera = sigma.getCamera();
  let frames = 0;
  const count = () => {
    frames += 1;
  };
  sigma.on("afterRender", count);
  const t0 = performance.now();
  await camera.animate({ ratio: 0.35, angle: 0.6 }, { duration: ms / 2 });
  await camera.animate({ ratio: 1, angle: 0 }, { duration: ms / 2 });
  const elapsed = performance.now() - t0;
  sigma.off("afterRender", count);
  return (frames * 1000) / elapsed;
}

/** A promise of the view's stats once its layout is stable (at once when it is already). */
function whenStable(view) {
  return new Promise((resolve) => {
    if (view.layoutState === "stable") resolve(view.stats());
    else {
      const off = view.on((name) => {
        if (name === "stable") {
          off();
          resolve(view.stats());
        }
      });
    }
  });
}

/** Page coordinates of the point (x, y) of `view`'s graph. */
function pagePoint(view, x, y) {
  const point = view.sigma.graphToViewport({ x, y });
  const box = view.stage.getBoundingClientRect();
  return { x: box.left + point.x, y: box.top + point.y };
}

/** The hooks of a GraphView. */
export function viewHooks(view) {
  const { graph } = view;
  return {
    stats: () => view.stats(),
    sigma: () => view.sigma,
    nodes: () => graph.nodes(),
    edges: () => graph.edges(),
    nodePosition: (id) => {
      const { x, y } = graph.getNodeAttributes(id);
      return pagePoint(view, x, y);
    },
    edgePosition: (key) => {
      const s = graph.getNodeAttributes(graph.source(key));
      const t = graph.getNodeAttributes(graph.target(key));
      return pagePoint(view, (s.x + t.x) / 2, (s.y + t.y) / 2);
    },
    // A node as sigma last drew it (after the reducers): its colour and size on screen.
    nodeDisplay: (id) => {
      const { color, size } = view.sigma.getNodeDisplayData(id);
      return { color, size };
    },
    setNodeStyle: (style) => view.setNodeStyle(style),
    // Whether the camera is still and hover and click work (the last frame drew sigma's picking pass).
    pickable: () => view.pickable(),
    expand: (id) => view.expand(id),
    showEdge: (key) => view.showEdge(key),
    setRange: (from, to) => view.setRange(from, to),
    svg: () => view.svg(),
    png: async () => {
      const blob = await svgToPng(view.svg(), 1);
      return new Uint8Array(await blob.arrayBuffer()).length;
    },
    fps: (ms = 2000) => cameraFps(view.sigma, ms),
    whenStable: () => whenStable(view),
  };
}
