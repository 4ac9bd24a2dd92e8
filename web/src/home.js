// The home page's search box: suggestions from /api/entities as you type (the form works without it),
// and the main blocs drawn as a small graph.
import { drawBlocGraph } from "./bloc-graph.js";

const input = document.getElementById("search");
const results = document.getElementById("results");
let pending = null;
let asked = "";

function show(entities, search) {
  const items = entities.map((entity) => {
    const link = document.createElement("a");
    link.href = entity.graph;
    const kind = document.createElement("span");
    kind.className = `kind kind-${entity.kind.toLowerCase()}`;
    kind.textContent = entity.kind;
    link.append(kind, ` ${entity.name}`);
    const item = document.createElement("li");
    item.append(link);
    return item;
  });
  if (!items.length) {
    const empty = document.createElement("li");
    empty.className = "empty";
    empty.textContent = `No entity matches “${search}”.`;
    items.push(empty);
  }
  results.replaceChildren(...items);
}

if (input && results) {
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const search = input.value.trim();
      if (!search || search === asked) return;
      asked = search;
      const url = new URL(input.dataset.api, window.location.href);
      url.searchParams.set("search", search);
      url.searchParams.set("limit", "10");
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok && input.value.trim() === search) show((await response.json()).entities, search);
    }, 150);
  });
}

const blocsFigure = document.getElementById("blocs-figure");
if (blocsFigure) {
  const blocs = JSON.parse(document.getElementById(blocsFigure.dataset.source).textContent);
  window.racegraphBlocs = drawBlocGraph(blocsFigure, blocs);
}
