// Bundle web/src into app/static: the graph page, its layout worker, the <racegraph-view> element,
// the home page's search, the charts (Chartist), GraphiQL (with React) for /graphql, and their stylesheets.
// Run by `make web` (npm ci first, so the lockfile rules).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { readFile } from "node:fs/promises";

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
  define: { "process.env.NODE_ENV": '"production"' }, // React's production build
};

// GraphiQL's stylesheet inlines its fonts (Roboto, Fira Code: 360 kB of base64). Emit each as a file
// in app/static/fonts instead: the browser then fetches only the subsets its text needs (unicode-range).
const inlineFonts = {
  name: "inline-fonts",
  setup(b) {
    const fonts = new Map();
    b.onLoad({ filter: /graphiql[\\/]dist[\\/]style\.css$/ }, async (args) => {
      const css = await readFile(args.path, "utf8");
      const contents = css.replace(/url\(data:font\/(woff2?);base64,([^)]+)\)/g, (_, type, data) => {
        const name = `graphiql-font-${fonts.size}.${type}`;
        fonts.set(name, Buffer.from(data, "base64"));
        return `url(inline-font:${name})`;
      });
      return { contents, loader: "css" };
    });
    b.onResolve({ filter: /^inline-font:/ }, (args) => ({ path: args.path.slice(12), namespace: "inline-font" }));
    b.onLoad({ filter: /.*/, namespace: "inline-font" }, (args) => ({ contents: fonts.get(args.path), loader: "file" }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      embed: "src/embed.js",
      "layout-worker": "src/layout-worker.js",
      "racegraph-view": "src/racegraph-view.js",
      home: "src/home.js",
      chart: "src/chart.js",
      graphiql: "src/graphiql.js",
    },
    outdir: out,
    loader: { ".css": "text" },
  }),
  build({
    ...common,
    format: undefined,
    entryPoints: { racegraph: "src/racegraph.css", graphiql: "src/graphiql.css" },
    outdir: out,
    assetNames: "fonts/[name]-[hash]",
    plugins: [inlineFonts],
  }),
]);
console.log(`built web assets into ${path.relative(process.cwd(), out)}`);
