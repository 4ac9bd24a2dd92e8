// Bundle web/src into app/static: the graph page, its layout worker, the <racegraph-view> element,
// the home page's search and one stylesheet. Run by `make web` (npm ci first, so the lockfile rules).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "app", "static");
const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  format: "iife",
  legalComments: "linked",
  logLevel: "warning",
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      embed: "src/embed.js",
      "layout-worker": "src/layout-worker.js",
      "racegraph-view": "src/racegraph-view.js",
      home: "src/home.js",
    },
    outdir: out,
    loader: { ".css": "text" },
  }),
  build({ ...common, format: undefined, entryPoints: { racegraph: "src/racegraph.css" }, outdir: out }),
]);
console.log(`built web assets into ${path.relative(process.cwd(), out)}`);
