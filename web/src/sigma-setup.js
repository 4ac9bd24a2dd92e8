// The sigma renderer of the view: its settings and programs, the reducers that fade what is not
// hovered and hide filtered edges, and two watchers that keep a software renderer usable.
import Sigma from "sigma";

import { THEMES } from "./palette.js";
import { EdgeArrow, EdgeLine, NodeCircle, NodeSquare, cameraMoving, nodeRing } from "./webgl-programs.js";

/**
 * A sigma drawing `graph` in `stage` with the theme named `themeName` (see palette.js). `focus`
 * is read at every frame: `hovered` (a node id or null), `selectedEdge` (an edge key or null) and
 * `edgeVisible(attrs)`.
 */
export function createSigma(graph, stage, themeName, focus) {
  const theme = THEMES[themeName];
  const fade = themeName === "dark" ? "#2b313c" : "#e3e6ea";
  return new Sigma(graph, stage, {
    allowInvalidContainer: true,
    enableEdgeEvents: true,
    renderEdgeLabels: graph.size <= 150,
    labelColor: { color: theme.label },
    edgeLabelColor: { color: theme.edgeLabel },
    // Small graphs name every node; large ones only nodes drawn big enough (zooming in shows more).
    labelRenderedSizeThreshold: graph.order <= 200 ? 0 : 7,
    labelDensity: 0.5,
    zIndex: true,
    defaultNodeType: "circle",
    defaultEdgeType: "line",
    nodeProgramClasses: { circle: NodeCircle, square: NodeSquare, ring: nodeRing(theme.ringFill) },
    edgeProgramClasses: { line: EdgeLine, arrow: EdgeArrow },
    nodeReducer: (node, attrs) => {
      const { hovered } = focus;
      if (!hovered || node === hovered || graph.areNeighbors(node, hovered)) {
        return node === hovered ? { ...attrs, highlighted: true, zIndex: 2 } : attrs;
      }
      return { ...attrs, color: fade, label: "", zIndex: 0 };
    },
    edgeReducer: (edge, attrs) => {
      if (!focus.edgeVisible(attrs)) return { ...attrs, hidden: true };
      if (edge === focus.selectedEdge) return { ...attrs, size: attrs.size + 2.5, zIndex: 2, forceLabel: true };
      if (focus.hovered && !graph.hasExtremity(edge, focus.hovered)) return { ...attrs, color: fade, label: "" };
      return attrs;
    },
  });
}

/** When frames are slow (a big graph on a software renderer), draw only nodes while the camera moves. */
export function hideEdgesWhenSlow(sigma, graph) {
  // A frame's cost runs from the start of sigma's render to the next animation frame: without a GPU,
  // Chromium starts that one only once it has read the WebGL canvases back, so the cost includes the
  // drawing itself (SwiftShader's, on the CPU), not only sigma's JavaScript, which takes a few ms.
  const frameTimes = [];
  let frameStart = 0;
  sigma.on("beforeRender", () => {
    frameStart = performance.now();
  });
  sigma.on("afterRender", () => {
    const started = frameStart;
    requestAnimationFrame(() => {
      if (sigma.getSetting("hideEdgesOnMove")) return;
      frameTimes.push(performance.now() - started);
      if (frameTimes.length > 5) frameTimes.shift();
      const slow = frameTimes.length >= 3 && [...frameTimes].sort((a, b) => a - b)[Math.floor(frameTimes.length / 2)] > 40;
      if (slow && graph.size > 1000) {
        sigma.setSetting("hideEdgesOnMove", true);
        sigma.setSetting("hideLabelsOnMove", true);
      }
    });
  });
}

/**
 * Draw a full frame once the camera stops. Frames drawn while it moves skip the picking pass
 * (webgl-programs.js); hover and click read that pass, so they would find it empty. Returns
 * `stop()` (cancels the pending check) and `ready()`: whether the camera is still and the last
 * frame drew the picking pass, i.e. hover and click work.
 */
export function redrawPickingAfterMoves(sigma) {
  // The last frame of a move is usually a full one already; the check draws one when it was not.
  let timer = null;
  let stale = false;
  const check = () => {
    if (cameraMoving(sigma)) timer = setTimeout(check, 150);
    else if (stale) sigma.scheduleRender();
  };
  sigma.on("afterRender", () => {
    stale = cameraMoving(sigma);
    if (!stale) return;
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
  return { stop: () => clearTimeout(timer), ready: () => !stale && !cameraMoving(sigma) };
}
