// SVG and PNG export: one SVG drawing of the graph as it is (positions, visible edges, colours,
// shapes, labels); the PNG is that SVG rasterised.
import { kindStyle } from "./palette.js";

const escapeXml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

// Margin around the drawing, in pixels.
const PAD = 60;

/**
 * Where the graph lands on a picture `width` pixels across (the longer side; the other follows the
 * layout's shape): the picture's width and height, and px(x), py(y) giving SVG coordinates as text.
 */
function placement(graph, width) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  graph.forEachNode((_, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  if (!Number.isFinite(minX)) minX = maxX = minY = maxY = 0;
  const spanX = Math.max(maxX - minX, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = (width - 2 * PAD) / Math.max(spanX, spanY);
  return {
    width: Math.round(spanX * scale + 2 * PAD + 200),
    height: Math.round(spanY * scale + 2 * PAD + 30),
    // Graph y grows upwards (as sigma draws it); SVG y grows downwards.
    px: (x) => (PAD + (x - minX) * scale).toFixed(1),
    py: (y) => (30 + PAD + (maxY - y) * scale).toFixed(1),
  };
}

/** The SVG line of an edge (attributes `a`) from node `s` to node `t`; `arrow` is its marker's index, -1 for none. */
function svgEdge(a, s, t, { px, py }, arrow) {
  const marker = arrow >= 0 ? ` marker-end="url(#arrow-${arrow})"` : "";
  let [x2, y2] = [Number(px(t.x)), Number(py(t.y))];
  if (marker) {
    // Stop at the target's rim, so the arrow head is not hidden under the node.
    const [x1, y1] = [Number(px(s.x)), Number(py(s.y))];
    const length = Math.hypot(x2 - x1, y2 - y1) || 1;
    const back = (t.size || 4) + 1;
    x2 -= ((x2 - x1) / length) * back;
    y2 -= ((y2 - y1) / length) * back;
  }
  return `<line x1="${px(s.x)}" y1="${py(s.y)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${a.color}" stroke-width="${(a.size || 1).toFixed(1)}"${marker}><title>${escapeXml(a.label)}</title></line>`;
}

/** The SVG shape of a node (attributes `a`) at SVG coordinates x, y (as text). */
function svgNode(a, x, y, theme) {
  const r = a.size || 4;
  const shape = kindStyle(a.kind).shape;
  const name = `<title>${escapeXml(a.name)} (${escapeXml(a.kind)})</title>`;
  if (shape === "square") return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${a.color}">${name}</rect>`;
  if (shape === "ring") return `<circle cx="${x}" cy="${y}" r="${(r * 0.82).toFixed(1)}" fill="${theme.ringFill}" stroke="${a.color}" stroke-width="${(r * 0.35).toFixed(1)}">${name}</circle>`;
  return `<circle cx="${x}" cy="${y}" r="${r}" fill="${a.color}">${name}</circle>`;
}

/** The head of the SVG document: size, title, background, and one arrow-head marker per colour in `arrows`. */
function svgHead({ width, height }, theme, title, arrows) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
    `<text x="${PAD}" y="32" font-size="18" fill="${theme.label}">${escapeXml(title)}</text>`,
    "<defs>",
    ...arrows.map(
      (colour, i) =>
        `<marker id="arrow-${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`,
    ),
    "</defs>",
    `<g stroke-linecap="round" stroke-opacity="0.75">`,
  ];
}

/** Return an SVG document of `graph`; `visible(edgeAttributes)` says which edges to draw. */
export function toSvg(graph, { visible, theme, title, width = 1600 }) {
  const place = placement(graph, width);
  const labelAll = graph.order <= 300;
  // Each colour of directed edge needs its own arrow-head marker.
  const arrows = [];
  graph.forEachEdge((_, a) => a.type === "arrow" && !arrows.includes(a.color) && arrows.push(a.color));
  const out = svgHead(place, theme, title, arrows);
  graph.forEachEdge((edge, a, source, target, s, t) => {
    if (visible(a)) out.push(svgEdge(a, s, t, place, a.type === "arrow" ? arrows.indexOf(a.color) : -1));
  });
  out.push(`</g><g>`);
  const labels = [];
  graph.forEachNode((node, a) => {
    const [x, y, r] = [place.px(a.x), place.py(a.y), a.size || 4];
    out.push(svgNode(a, x, y, theme));
    if (labelAll || a.seed || r >= 10) {
      labels.push(`<text x="${(Number(x) + r + 3).toFixed(1)}" y="${(Number(y) + 4).toFixed(1)}" font-size="12" fill="${theme.label}">${escapeXml(a.name)}</text>`);
    }
  });
  out.push(`</g><g>`, ...labels, `</g></svg>`);
  return out.join("\n");
}

/** Rasterise an SVG document to a PNG blob at `scale`. */
export async function svgToPng(svg, scale = 2) {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.naturalWidth * scale);
  canvas.height = Math.round(image.naturalHeight * scale);
  const context = canvas.getContext("2d");
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be made"))), "image/png"),
  );
}

/** Save `blob` as a file called `name`. */
export function download(root, blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The file name, without extension, of a picture of the graph around `seeds` (none: "graph"). */
export function fileStem(seeds) {
  const stem = seeds ? seeds.join("-") : "graph";
  return `racegraph-${stem.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}
