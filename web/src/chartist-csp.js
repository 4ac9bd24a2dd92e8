// Chartist writes a few inline styles as `style` attributes (the SVG's size, the labels' overflow), which
// the pages' CSP refuses. The same declarations set through CSSOM are allowed: route them there.
import { Svg } from "chartist";

const setAttributes = Svg.prototype.attr;

Svg.prototype.attr = function attr(attributes, ns) {
  if (attributes && typeof attributes === "object" && "style" in attributes) {
    const { style, ...rest } = attributes;
    this._node.style.cssText = style;
    return setAttributes.call(this, rest, ns);
  }
  return setAttributes.call(this, attributes, ns);
};
