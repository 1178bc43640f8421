// What each route of the portal's production build makes the browser load
// before the page can hydrate: Next's root main files plus the route's
// entry chunks (the page's and its layouts', from the client reference
// manifests under .next/server/app), raw and gzipped. Reads a finished
// `next build` (apps/web/.next by default); changes nothing.
//
//   node bench/first-load-js.mjs [--dir apps/web/.next] [--json]
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { values: opts } = parseArgs({
  options: { dir: { type: "string", default: join(ROOT, "apps/web/.next") }, json: { type: "boolean" } },
});
const dist = opts.dir;

const sizes = new Map();
/** Raw and gzipped bytes of one static file (relative to the dist dir). */
function sizeOf(file) {
  const known = sizes.get(file);
  if (known) return known;
  const body = readFileSync(join(dist, file));
  const size = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  sizes.set(file, size);
  return size;
}

function* manifests(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* manifests(p);
    else if (entry.name === "page_client-reference-manifest.js") yield p;
  }
}

const build = JSON.parse(readFileSync(join(dist, "build-manifest.json"), "utf8"));
const rootMain = build.rootMainFiles ?? [];
const routes = [];
for (const file of manifests(join(dist, "server/app"))) {
  const key =
    `/${relative(join(dist, "server/app"), file).replace(/\/?page_client-reference-manifest\.js$/, "")}/page`.replace(
      /^\/\//,
      "/",
    );
  const text = readFileSync(file, "utf8");
  const json = JSON.parse(text.slice(text.indexOf("] = ") + 4).replace(/;\s*$/, ""));
  const entries = json.entryJSFiles ?? {};
  const own = Object.entries(entries).find(([k]) => k.endsWith(`${key.replace(/^\//, "")}`))?.[1] ?? [];
  const files = [...new Set([...rootMain, ...own])].filter((f) => f.endsWith(".js"));
  const total = files.reduce(
    (sum, f) => ({ raw: sum.raw + sizeOf(f).raw, gzip: sum.gzip + sizeOf(f).gzip }),
    {
      raw: 0,
      gzip: 0,
    },
  );
  const route = key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
  routes.push({ route, files: files.length, ...total });
}
routes.sort((a, b) => a.route.localeCompare(b.route));
const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const root = rootMain.filter((f) => f.endsWith(".js")).reduce((n, f) => n + sizeOf(f).raw, 0);
const rootGz = rootMain.filter((f) => f.endsWith(".js")).reduce((n, f) => n + sizeOf(f).gzip, 0);
if (opts.json) {
  process.stdout.write(`${JSON.stringify({ rootMain: { raw: root, gzip: rootGz }, routes }, null, 2)}\n`);
} else {
  process.stdout.write(`root main files: ${kb(root)} KB raw, ${kb(rootGz)} KB gzipped\n`);
  for (const r of routes)
    process.stdout.write(
      `${r.route.padEnd(42)} ${String(r.files).padStart(3)} files ${kb(r.raw).padStart(7)} KB ${kb(r.gzip).padStart(6)} KB gz\n`,
    );
  const raws = routes.map((r) => r.raw);
  const gzs = routes.map((r) => r.gzip);
  process.stdout.write(
    `median over ${routes.length} routes: ${kb(median(raws))} KB raw, ${kb(median(gzs))} KB gzipped\n`,
  );
}
