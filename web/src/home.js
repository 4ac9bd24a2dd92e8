// The home page's search box: suggestions from /api/entities as you type (the form works without it),
// and the main blocs drawn as a small graph: from the page's data, or, when the server sent the page before
// they were computed, from /api/blocs once they are. `window.racegraphBlocs` says what was drawn, and whether
// late.
import { drawBlocGraph } from "./bloc-graph.js";
import { h } from "./dom.js";

// Each ask waits on the server up to its budget (`home_blocs_budget`); between asks, a short pause.
const BLOCS_PAUSE_MS = 200;
const BLOCS_ASKS = 300;

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
const blocsPending = document.getElementById("blocs-pending");

/** The list item of one bloc, as the page renders it. */
function blocItem(bloc) {
  const members = bloc.members.flatMap((m, i) => [i ? ", " : "", h("a", { href: m.graph }, m.name)]);
  return h("li", { class: "bloc" }, h("strong", {}, bloc.label), ` · ${bloc.size} members · `,
    h("a", { href: bloc.graph }, "graph"), h("div", { class: "members" }, members));
}

/** Show blocs that arrived after the page: the graph, the list, or that there are none. */
function showLateBlocs(blocs) {
  if (!blocs.communities.length) {
    blocsPending.textContent = "No blocs yet.";
    return;
  }
  blocsPending.remove();
  blocsFigure.hidden = false;
  document.getElementById("blocs-list").replaceChildren(...blocs.communities.map(blocItem));
  window.racegraphBlocs = { ...drawBlocGraph(blocsFigure, blocs), late: true };
}

async function waitForBlocs() {
  for (let ask = 0; ask < BLOCS_ASKS; ask++) {
    const response = await fetch(blocsPending.dataset.api, { headers: { Accept: "application/json" } }).catch(() => null);
    const blocs = response && response.ok ? await response.json() : null;
    if (blocs && blocs.ready) return showLateBlocs(blocs);
    await new Promise((resolve) => setTimeout(resolve, BLOCS_PAUSE_MS));
  }
}

if (blocsPending) {
  waitForBlocs();
} else if (blocsFigure && !blocsFigure.hidden) {
  const blocs = JSON.parse(document.getElementById(blocsFigure.dataset.source).textContent);
  window.racegraphBlocs = { ...drawBlocGraph(blocsFigure, blocs), late: false };
}
