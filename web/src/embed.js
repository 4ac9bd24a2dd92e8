// The /embed/graph page: the subgraph is in the page (JSON, not script), the rest is fetched.
import { GraphView } from "./graph-view.js";

const host = document.getElementById("racegraph");
const data = JSON.parse(document.getElementById("racegraph-data").textContent);
const view = new GraphView(host, { server: "", workerUrl: host.dataset.worker });
view.load(data);
// Test and dashboard hooks: counts, positions, actions (see GraphView.hooks).
window.racegraphView = view.hooks();
