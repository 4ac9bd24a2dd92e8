// What the side panel shows: a node (kind, degree, a message, a link to its own graph), or an edge
// (relation, ends, counts, dates) and the claims behind it, each with its sentence and article.
import { h, kindSwatch } from "./dom.js";
import { kindStyle, relationStyle } from "./palette.js";

/** The panel's elements for node `nodeId` of `graph`, with `message`; `ownGraph` is the URL of its own graph. */
export function nodeDetails(graph, nodeId, message, ownGraph) {
  const attrs = graph.getNodeAttributes(nodeId);
  return [
    h("h3", {}, attrs.name),
    h("p", { class: "rg-meta" }, kindSwatch(kindStyle(attrs.kind)), ` ${attrs.kind} · ${graph.degree(nodeId)} edges`),
    h("p", {}, message),
    h("p", {}, h("a", { href: ownGraph, target: "_blank", rel: "noopener" }, "Open its own graph")),
  ];
}

/** The panel's heading elements for edge `key` of `graph`: relation, ends, counts, dates, confidence. */
export function edgeDetails(graph, key) {
  const attrs = graph.getEdgeAttributes(key);
  const source = graph.getNodeAttributes(graph.source(key));
  const target = graph.getNodeAttributes(graph.target(key));
  const style = relationStyle(attrs.relation);
  const dates = attrs.first_seen === attrs.last_seen ? attrs.first_seen : `${attrs.first_seen} – ${attrs.last_seen}`;
  return [
    h("h3", {}, h("span", { class: "rg-rel", "data-color": style.color }, attrs.relation)),
    h("p", {}, `${source.name} ${style.directed ? "→" : "—"} ${target.name}`),
    h(
      "p",
      { class: "rg-meta" },
      `${attrs.claims} claim${attrs.claims === 1 ? "" : "s"} in ${attrs.articles} article${attrs.articles === 1 ? "" : "s"}`,
      dates ? ` · ${dates}` : "",
      attrs.confidence !== undefined && attrs.confidence !== null ? ` · confidence ${attrs.confidence.toFixed(2)}` : "",
      attrs.hedged ? " · hedged" : "",
    ),
  ];
}

/** One list item per claim: its evidence sentence, date, hedging and article; `resolve` makes links absolute. */
export function claimItems(claims, resolve) {
  return claims.map((claim) =>
    h(
      "li",
      { class: claim.hedged ? "rg-claim rg-hedged" : "rg-claim" },
      h("blockquote", { class: "rg-evidence" }, claim.evidence),
      h(
        "p",
        { class: "rg-meta" },
        claim.date ? h("time", { datetime: claim.date }, claim.date) : "",
        claim.hedged ? " · hedged" : "",
        " · ",
        h("a", { href: resolve(claim.article.view), target: "_blank", rel: "noopener" }, claim.article.title || "article"),
        claim.article.source ? ` (${claim.article.source})` : "",
      ),
    ),
  );
}
