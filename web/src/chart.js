// Stacked bar charts of claims per period by relation type (the home page's, /embed/chart), drawn as SVG
// by Chartist, with SVG, PNG and CSV downloads. Each `figure.rg-chart` names the JSON script holding
// its data (`data-source`); `window.racegraphCharts` lists what each drew, for tests.
import "./chartist-csp.js";
import { BarChart } from "chartist";
import { relationStyle } from "./palette.js";
import { download, svgToPng } from "./export-image.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// Most period labels written under the axis; the others are left out (every bar keeps its tooltip).
const MAX_LABELS = 12;

/** Bars drawn with a height (a zero count draws a flat bar). */
function barsWithClaims(plot) {
  return [...plot.querySelectorAll(".ct-bar")].filter((bar) => bar.getAttribute("y1") !== bar.getAttribute("y2")).length;
}

function legendItems(data) {
  return data.series.map((series) => {
    const swatch = document.createElement("span");
    swatch.className = "rg-swatch";
    swatch.style.background = relationStyle(series.type).color;
    const item = document.createElement("li");
    item.append(swatch, `${series.type} ${series.claims.reduce((a, b) => a + b, 0)}`);
    return item;
  });
}

function drawBars(plot, data) {
  const every = Math.ceil(data.periods.length / MAX_LABELS);
  const chart = new BarChart(
    plot,
    { labels: data.periods, series: data.series.map((s) => ({ name: s.type, data: s.claims })) },
    {
      stackBars: true,
      height: 260,
      chartPadding: { top: 12, right: 12, bottom: 4, left: 4 },
      axisX: { showGrid: false, labelInterpolationFnc: (label, index) => (index % every === 0 ? label : null) },
      axisY: { onlyInteger: true },
    },
  );
  chart.on("draw", (item) => {
    if (item.type !== "bar") return;
    const bar = item.element.getNode();
    bar.style.stroke = relationStyle(item.series.name).color;
    bar.style.strokeWidth = `${Math.max(2, Math.min(36, item.axisX.stepLength * 0.7))}px`;
    const title = document.createElementNS(SVG_NS, "title");
    title.textContent = `${data.periods[item.index]} · ${item.series.name}: ${item.value.y}`;
    bar.append(title);
  });
  return new Promise((resolve) => chart.on("created", resolve));
}

/** A standalone copy of the chart's SVG: labels as SVG text, colours written in, on the page's background. */
function standaloneSvg(plot) {
  const svg = plot.querySelector("svg").cloneNode(true);
  const { width, height } = plot.querySelector("svg").getBoundingClientRect();
  const page = getComputedStyle(document.body);
  const label = plot.querySelector(".ct-label");
  const ink = label ? getComputedStyle(label).color : page.color;
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("width", String(Math.round(width)));
  svg.setAttribute("height", String(Math.round(height)));
  svg.setAttribute("viewBox", `0 0 ${Math.round(width)} ${Math.round(height)}`);
  svg.removeAttribute("style");
  for (const object of svg.querySelectorAll("foreignObject")) {
    const vertical = object.querySelector(".ct-vertical");
    const text = document.createElementNS(SVG_NS, "text");
    const x = Number(object.getAttribute("x")) + (vertical ? Number(object.getAttribute("width")) : Number(object.getAttribute("width")) / 2);
    text.setAttribute("x", x.toFixed(1));
    text.setAttribute("y", (Number(object.getAttribute("y")) + (vertical ? 4 : 12)).toFixed(1));
    text.setAttribute("text-anchor", vertical ? "end" : "middle");
    text.setAttribute("font-size", "11");
    text.setAttribute("font-family", "sans-serif");
    text.setAttribute("fill", ink);
    text.textContent = object.textContent;
    object.replaceWith(text);
  }
  for (const line of svg.querySelectorAll(".ct-grid")) {
    line.setAttribute("stroke", ink);
    line.setAttribute("stroke-opacity", "0.25");
    line.setAttribute("stroke-dasharray", "2");
  }
  for (const bar of svg.querySelectorAll(".ct-bar")) {
    bar.setAttribute("stroke", bar.style.stroke);
    bar.setAttribute("stroke-width", bar.style.strokeWidth);
    bar.removeAttribute("style");
  }
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", page.backgroundColor);
  svg.prepend(background);
  return new XMLSerializer().serializeToString(svg);
}

function exportButtons(figure, plot, data) {
  const stem = figure.dataset.name || "racegraph-chart";
  const button = (text, action) => {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  };
  const csv = document.createElement("a");
  csv.href = data.links.csv;
  csv.textContent = "CSV";
  csv.setAttribute("download", `${stem}.csv`);
  return [
    button("SVG", () => download(figure, new Blob([standaloneSvg(plot)], { type: "image/svg+xml" }), `${stem}.svg`)),
    button("PNG", async () => download(figure, await svgToPng(standaloneSvg(plot), 2), `${stem}.png`)),
    csv,
  ];
}

async function drawFigure(figure) {
  const data = JSON.parse(document.getElementById(figure.dataset.source).textContent);
  const plot = figure.querySelector(".rg-chart-plot");
  const drawn = { periods: data.periods.length, series: data.series.map((s) => s.type), ready: false };
  const state = {
    figure,
    stats: () => ({ ...drawn, bars: barsWithClaims(plot) }),
    svg: () => standaloneSvg(plot),
  };
  window.racegraphCharts.push(state);
  if (!data.periods.length) {
    plot.textContent = "No dated claims yet.";
  } else {
    await drawBars(plot, data);
    figure.querySelector(".rg-chart-legend").replaceChildren(...legendItems(data));
    figure.querySelector(".rg-chart-tools").replaceChildren(...exportButtons(figure, plot, data));
  }
  drawn.ready = true;
  figure.dataset.ready = "true";
}

window.racegraphCharts = [];
for (const figure of document.querySelectorAll("figure.rg-chart")) drawFigure(figure);
