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
