// The home page's main blocs as a small graph: one circle per bloc (area by members, each a link to the
// graph of its most central members), and a line between two blocs as thick as the sources linking them.
// Drawn as SVG from the JSON the page holds (the `blocs` of /index.json); text and lines take the page's
// colour, so the figure reads on light and dark backgrounds. `window.racegraphBlocs` says what it drew.
import { COMMUNITY_COLORS } from "./palette.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 300;
const MAX_LABEL = 34;

function svgElement(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  el.append(...children);
  return el;
}

function titled(el, text) {
  el.append(svgElement("title", {}, text));
  return el;
}

/** Centres on an ellipse, the largest bloc at the top, the others clockwise (one bloc: the middle). */
function placeBlocs(count) {
  if (count === 1) return [{ x: WIDTH / 2, y: HEIGHT / 2 }];
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
    return { x: WIDTH / 2 + 0.36 * WIDTH * Math.cos(angle), y: HEIGHT / 2 + 0.32 * HEIGHT * Math.sin(angle) };
  });
}

const shorten = (text) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

/** Draw `blocs` ({communities, links}) into `figure`; return what was drawn: {blocs, links}. */
export function drawBlocGraph(figure, blocs) {
  const communities = blocs.communities;
  const places = placeBlocs(communities.length);
  const largest = Math.max(1, ...communities.map((c) => c.size));
  const heaviest = Math.max(1, ...blocs.links.map((l) => l.weight));
  const index = new Map(communities.map((c, i) => [c.id, i]));
  const lines = blocs.links
    .filter((link) => index.has(link.source) && index.has(link.target))
    .map((link) => {
      const [s, t] = [places[index.get(link.source)], places[index.get(link.target)]];
      const line = svgElement("line", {
        x1: s.x.toFixed(1), y1: s.y.toFixed(1), x2: t.x.toFixed(1), y2: t.y.toFixed(1),
        class: "bloc-link", "stroke-width": (1.5 + 10 * Math.sqrt(link.weight / heaviest)).toFixed(1),
      });
      return titled(line, `${communities[index.get(link.source)].label} – ${communities[index.get(link.target)].label}: ${link.weight} sources`);
    });
  const nodes = communities.map((community, i) => {
    const { x, y } = places[i];
    const r = 12 + 30 * Math.sqrt(community.size / largest);
    const circle = svgElement("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), fill: COMMUNITY_COLORS[i % COMMUNITY_COLORS.length], class: "bloc-node" });
    const count = svgElement("text", { x: x.toFixed(1), y: (y + 4).toFixed(1), class: "bloc-size", "text-anchor": "middle" }, String(community.size));
    const label = svgElement("text", { x: x.toFixed(1), y: (y + r + 14).toFixed(1), class: "bloc-label", "text-anchor": "middle" }, shorten(community.label));
    const link = svgElement("a", { href: community.graph }, circle, count, label);
    return titled(link, `${community.label}: ${community.size} members`);
  });
  const svg = svgElement("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "The main blocs and the sources linking them" }, ...lines, ...nodes);
  figure.querySelector(".bloc-graph").replaceChildren(svg);
  return { blocs: nodes.length, links: lines.length };
}
