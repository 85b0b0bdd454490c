// `npm run build`: the page in dist/, as a host serves it. esbuild bundles React and the
// app into app.js; the widget's module stays a file of its own in dist/gws-sms-widget/,
// with its .wasm and snippets beside it as the package ships them (the widget brings its
// own styles), so that init() finds the .wasm beside the script and a stopped widget
// reloads itself in place (bundled, it could only ask for a page reload).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const out = "dist";
const widgetDir = "gws-sms-widget";
const widgetScript = "gws-sms-widget.js";
const shipped = [widgetScript, "gws-sms-widget_bg.wasm", "snippets"];

// Resolved through the package's exports, as any import of it is: the installed package.
const installed = dirname(createRequire(import.meta.url).resolve("gws-sms-widget/package.json"));

rmSync(out, { recursive: true, force: true });
mkdirSync(out);

await build({
  entryPoints: ["src/main.jsx"],
  bundle: true,
  format: "esm",
  // Top-level await waits for init() before the first render.
  target: "es2022",
  jsx: "automatic",
  minify: true,
  define: { "process.env.NODE_ENV": '"production"' },
  outfile: join(out, "app.js"),
  logLevel: "warning",
  plugins: [
    {
      name: "gws-sms-widget-beside",
      setup(build) {
        build.onResolve({ filter: /^gws-sms-widget$/ }, () => ({
          path: `./${widgetDir}/${widgetScript}`,
          external: true,
        }));
      },
    },
  ],
});

for (const file of shipped) {
  cpSync(join(installed, file), join(out, widgetDir, file), { recursive: true });
}
cpSync("index.html", join(out, "index.html"));
cpSync("src/app.css", join(out, "app.css"));
console.log(`built ${out}/ with the widget from ${installed}`);
