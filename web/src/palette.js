// Colours and shapes of entity kinds and relation types: the legend, the WebGL programs and the
// SVG/PNG export all read them from here.

export const KINDS = {
  Country: { color: "#3267d6", shape: "circle" },
  Person: { color: "#e07a1f", shape: "circle" },
  Location: { color: "#7b8591", shape: "circle" },
  Organization: { color: "#23976a", shape: "square" },
  Policy: { color: "#c8364f", shape: "square" },
  Alliance: { color: "#7b4fd0", shape: "ring" },
  Product: { color: "#138f9e", shape: "ring" },
  Event: { color: "#b08600", shape: "ring" },
};

export const UNKNOWN_KIND = { color: "#999999", shape: "circle" };

// Directed types draw an arrow from subject to object; symmetric ones a plain line.
export const RELATIONS = {
  ALLIED_WITH: { color: "#2e9e57", directed: false },
  MET_WITH: { color: "#2b88d8", directed: false },
  RESTRICTED: { color: "#d6453d", directed: true },
  ANNOUNCED: { color: "#8d6ac8", directed: true },
  AFFILIATED_WITH: { color: "#a8844a", directed: true },
};

export const UNKNOWN_RELATION = { color: "#aaaaaa", directed: true };

export function kindStyle(kind) {
  return KINDS[kind] || UNKNOWN_KIND;
}

export function relationStyle(type) {
  return RELATIONS[type] || UNKNOWN_RELATION;
}

export const THEMES = {
  light: { background: "#ffffff", label: "#1f2430", edgeLabel: "#59606b", ringFill: "#ffffff" },
  dark: { background: "#12161f", label: "#e6e9ef", edgeLabel: "#aab1bd", ringFill: "#12161f" },
};

// Colour by community: one colour per community, in the order the view meets them (most shown first),
// mid-tone so that they read on both themes' backgrounds; communities past the last, and nodes with no
// edge in the projection, take the theme's `other`.
export const COMMUNITY_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#17becf"];

export const OTHER_COMMUNITY = { light: "#b4bac4", dark: "#586070" };
