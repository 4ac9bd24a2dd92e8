// Building the view's elements without ever parsing HTML, and colouring them under a strict CSP.

/** Create an element with attributes and children (strings become text: no HTML is ever parsed). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Give every `[data-color]` element under `root` its colour. */
export function paintSwatches(root) {
  // Colours are set through the CSSOM (allowed by a strict CSP), never as inline style attributes.
  for (const el of root.querySelectorAll("[data-color]")) el.style.setProperty("--rg-color", el.dataset.color);
}

/** A swatch of a node kind's colour and shape. */
export function kindSwatch(style) {
  return h("span", { class: `rg-swatch rg-shape-${style.shape}`, "data-color": style.color });
}
