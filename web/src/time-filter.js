// The date range of the view: two sliders over the months the edges span; an edge shows when its
// first-to-last-seen span overlaps the chosen months.
import { h } from "./dom.js";

/** The month (YYYY-MM) a date falls in; a bare year counts from January or up to December. */
export function monthOf(date, end) {
  if (!date) return null;
  if (date.length === 4) return `${date}-${end ? "12" : "01"}`;
  return date.slice(0, 7);
}

/** Every month from `first` to `last` (YYYY-MM), both included. */
export function monthsBetween(first, last) {
  const months = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The first and last month of the edges of `graph` (null and null when no edge has a date). */
function monthSpan(graph) {
  let first = null;
  let last = null;
  graph.forEachEdge((edge, attrs) => {
    if (attrs.from && (!first || attrs.from < first)) first = attrs.from;
    if (attrs.to && (!last || attrs.to > last)) last = attrs.to;
  });
  return [first, last];
}

export class TimeFilter {
  /** @param {(range) => void} onChange called when the user moves a slider or `set` runs */
  constructor(onChange) {
    this.onChange = onChange;
    this.months = [];
    this.range = null; // [from month, to month] or null for all
    this.from = h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "From month", class: "rg-from" });
    this.to = h("input", { type: "range", min: 0, max: 0, value: 0, "aria-label": "To month", class: "rg-to" });
    this.label = h("output", { class: "rg-range-label" });
    const onInput = () => this.read();
    this.from.addEventListener("input", onInput);
    this.to.addEventListener("input", onInput);
    this.box = h("div", { class: "rg-range", hidden: true }, h("span", {}, "Dates"), this.from, this.to, this.label);
  }

  /** Span the months of the edges of `graph`; keep the chosen range unless `reset` or all months were chosen. */
  update(graph, reset) {
    const [first, last] = monthSpan(graph);
    const wasAll = !this.range || (this.range[0] === this.months[0] && this.range[1] === this.months[this.months.length - 1]);
    this.months = first ? monthsBetween(first, last) : [];
    this.box.hidden = this.months.length < 2;
    const max = Math.max(0, this.months.length - 1);
    this.from.max = String(max);
    this.to.max = String(max);
    if (reset || wasAll || !this.range) {
      this.from.value = "0";
      this.to.value = String(max);
    } else {
      this.from.value = String(Math.max(0, this.months.indexOf(this.range[0])));
      const to = this.months.indexOf(this.range[1]);
      this.to.value = String(to < 0 ? max : to);
    }
    this.read(false);
  }

  /** Take the range from the sliders (the one being moved pushes the other); `notify` calls onChange. */
  read(notify = true) {
    let from = Number(this.from.value);
    let to = Number(this.to.value);
    if (from > to) {
      if (document.activeElement === this.to || this.to.getRootNode().activeElement === this.to) from = to;
      else to = from;
      this.from.value = String(from);
      this.to.value = String(to);
    }
    this.range = this.months.length ? [this.months[from], this.months[to]] : null;
    this.label.value = this.range ? `${this.range[0]} – ${this.range[1]}` : "";
    if (notify) this.onChange(this.range);
  }

  /** Set the range by months (YYYY-MM); null for either end keeps it open. */
  set(from, to) {
    const index = (month, fallback) => {
      if (!month) return fallback;
      const i = this.months.findIndex((m) => m >= month);
      return i < 0 ? this.months.length - 1 : i;
    };
    this.from.value = String(index(from, 0));
    this.to.value = String(to ? Math.max(0, this.months.filter((m) => m <= to).length - 1) : this.months.length - 1);
    this.read();
  }

  /** Whether an edge with these attributes overlaps the range (undated edges always do). */
  includes(attrs) {
    if (!this.range || !attrs.from) return true;
    return attrs.to >= this.range[0] && attrs.from <= this.range[1];
  }
}
