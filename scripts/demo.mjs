// `npm run demo`: the scripted Playwright tours (e2e/tours) against a running
// Zenith (ZENITH_DEMO_URL) or, by default, a fresh one started here with
// simulated hosts and removed afterwards. Each tour leaves a video, a
// screenshot per step and an HTML page in demo-output/. See docs/demo-tours.md.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const TOURS = ["admin", "tenant"];
/** The readable pace (ms): between Playwright actions, and how long each caption shows first. */
const READABLE_SLOW_MO = 600;
const READABLE_PAUSE = 1_500;

const USAGE = `Usage: npm run demo -- [options]

  --tour <admin|tenant>  run this tour (repeatable; default: both)
  --headed               show the browser, for a live audience (needs a display: DISPLAY)
  --slow-mo <ms>         pause between actions (default ${READABLE_SLOW_MO}; 0 with --fast)
  --fast                 no pauses at all (what the tests run)
  --no-video             screenshots and pages only
  --output <dir>         where the tours go (default: demo-output)
  -h, --help             this text

Against a running Zenith: ZENITH_DEMO_URL=<portal URL>, with ZENITH_ADMIN_PASSWORD
(admin tour) and ZENITH_DEMO_PASSWORD (tenant tour: user demo of project demo).
Without ZENITH_DEMO_URL a fresh Zenith with two simulated compute hosts is started
and removed afterwards.
`;

function fail(message, code = 2) {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      tour: { type: "string", multiple: true },
      headed: { type: "boolean", default: false },
      "slow-mo": { type: "string" },
      fast: { type: "boolean", default: false },
      "no-video": { type: "boolean", default: false },
      output: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
} catch (err) {
  fail(`${err.message}\n\n${USAGE}`);
}
const opts = parsed.values;
if (opts.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const tours = opts.tour ?? TOURS;
for (const tour of tours)
  if (!TOURS.includes(tour)) fail(`unknown tour "${tour}" (one of ${TOURS.join(", ")})`);
if (opts.fast && opts["slow-mo"] !== undefined) fail("--fast and --slow-mo contradict each other");
let slowMo = opts.fast ? 0 : READABLE_SLOW_MO;
if (opts["slow-mo"] !== undefined) {
  slowMo = Number(opts["slow-mo"]);
  if (!Number.isInteger(slowMo) || slowMo < 0 || slowMo > 10_000) fail("--slow-mo takes 0 to 10000 (ms)");
}
const pauseMs = opts.fast ? 0 : READABLE_PAUSE;
// Debian's Chromium opens its window on an X (or Xwayland) display; without one it dies obscurely.
if (opts.headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(
    "--headed needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set.\n" +
      "Run it from a desktop session (or over ssh -X), on a virtual display (xvfb-run -a npm run demo -- --headed),\n" +
      "or without --headed to record the video headless.",
  );
}
const outputRoot = resolve(opts.output ?? join(ROOT, "demo-output"));
const demoUrl = process.env.ZENITH_DEMO_URL;
if (demoUrl) {
  try {
    new URL(demoUrl);
  } catch {
    fail(`ZENITH_DEMO_URL is not a URL: "${demoUrl}"`);
  }
  const need = { admin: "ZENITH_ADMIN_PASSWORD", tenant: "ZENITH_DEMO_PASSWORD" };
  for (const tour of tours) {
    if (!process.env[need[tour]]) fail(`the ${tour} tour against ${demoUrl} needs ${need[tour]}`);
  }
}

if (!existsSync(join(ROOT, "node_modules", ".bin", "playwright"))) {
  fail("run `npm ci` first (node_modules is missing)", 1);
}
const { freePort, run, stopServices } = await import("./lib/processes.mjs");
const { ensureWebBuild, startStack } = await import("./lib/stack.mjs");

// Chromium for the tours, ffmpeg for their videos (Debian packages, installed when root). The tours
// need Chromium; without ffmpeg they still run, with screenshots and pages only.
const ensureDeps = join(ROOT, "scripts/ensure-system-deps.sh");
if ((await run(ensureDeps, ["chromium"])) !== 0)
  fail("Chromium is missing and could not be installed (see above)", 1);
if (!opts["no-video"]) await run(ensureDeps, ["video"]);

/**
 * Playwright encodes videos with an ffmpeg of its own, downloaded next to its
 * browsers; that download is unavailable here, so point it at Debian's ffmpeg
 * (same arguments, VP8 in WebM) through a browsers folder of our own. Returns
 * the environment for Playwright, or null when no ffmpeg is installed.
 */
function videoEnv() {
  const found = spawnSync("sh", ["-c", "command -v ffmpeg"], { encoding: "utf8" });
  const ffmpeg = found.stdout.trim();
  if (found.status !== 0 || !ffmpeg) return null;
  const browsers = JSON.parse(readFileSync(join(ROOT, "node_modules/playwright-core/browsers.json"), "utf8"));
  const revision = browsers.browsers.find((b) => b.name === "ffmpeg")?.revision;
  if (!revision) return null;
  const dir = join(ROOT, ".cache", "playwright-video");
  const link = join(dir, `ffmpeg-${revision}`, "ffmpeg-linux");
  if (!existsSync(link)) {
    mkdirSync(join(dir, `ffmpeg-${revision}`), { recursive: true });
    symlinkSync(ffmpeg, link);
  }
  return { PLAYWRIGHT_BROWSERS_PATH: dir };
}

let recordEnv = {};
if (!opts["no-video"]) {
  const env = videoEnv();
  if (env) recordEnv = { ...env, ZENITH_TOUR_VIDEO: "1" };
  else process.stderr.write("demo: no ffmpeg on PATH: recording screenshots and pages only, no video.\n");
}

const work = mkdtempSync(join(tmpdir(), "zenith-demo-"));
let stack;
let log;
let code = 1;
let stopping = false;
async function cleanUp() {
  if (stack) await stopServices(stack.children);
  stack = undefined;
  log?.end();
  rmSync(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\ndemo: ${signal}: stopping…\n`);
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  let env;
  if (demoUrl) {
    process.stdout.write(`Running the ${tours.join(" and ")} tour against ${demoUrl}\n`);
    env = { ZENITH_E2E_BASE_URL: demoUrl };
  } else {
    const adminPassword = `demo-admin-${randomBytes(6).toString("hex")}`;
    const demoPassword = `demo-demo-${randomBytes(6).toString("hex")}`;
    await ensureWebBuild();
    process.stdout.write("Starting a fresh Zenith with two simulated compute hosts…\n");
    log = createWriteStream(join(work, "stack.log"));
    const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
    stack = await startStack({
      dataDir: join(work, "data"),
      ports,
      quiet: true,
      logStream: log,
      env: { ZENITH_ADMIN_PASSWORD: adminPassword, ZENITH_DEMO_PASSWORD: demoPassword },
      computeHosts: 2,
      qemuHosts: 0,
      simulatedReason: "chosen",
    });
    process.stdout.write(`Zenith is up at ${stack.webUrl}\n`);
    env = {
      ZENITH_E2E_BASE_URL: stack.webUrl,
      ZENITH_ADMIN_PASSWORD: adminPassword,
      ZENITH_DEMO_PASSWORD: demoPassword,
    };
  }
  code = await run(
    join(ROOT, "node_modules", ".bin", "playwright"),
    ["test", "-c", "e2e/tours/playwright.tours.config.ts", ...tours.map((t) => `${t}.tour.ts`)],
    {
      cwd: ROOT,
      env: {
        ...env,
        ...recordEnv,
        ZENITH_TOUR_OUTPUT: outputRoot,
        ZENITH_TOUR_PAUSE_MS: String(pauseMs),
        ZENITH_TOUR_SLOW_MO: String(slowMo),
        ZENITH_TOUR_HEADED: opts.headed ? "1" : "0",
      },
    },
  );
  if (code !== 0 && existsSync(join(work, "stack.log"))) {
    process.stderr.write(
      `\nThe stack's log, last lines:\n${readFileSync(join(work, "stack.log"), "utf8").slice(-3000)}\n`,
    );
  }
} catch (err) {
  process.stderr.write(`demo: ${err.message}\n`);
  if (existsSync(join(work, "stack.log"))) {
    process.stderr.write(readFileSync(join(work, "stack.log"), "utf8").slice(-3000));
  }
  code = 1;
} finally {
  if (!stopping) await cleanUp();
}
const index = join(outputRoot, "index.html");
if (existsSync(index)) process.stdout.write(`\nThe tours: ${index}\n`);
process.exit(code);
