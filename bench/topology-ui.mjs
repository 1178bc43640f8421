// Benchmark: the portal's network topology diagram in a real browser at
// 500 instances. Starts the stack (fake compute and network hosts only,
// production portal build, free ports), takes the docs' screenshots on a
// small topology, seeds the demo project with 500 instances on 50 networks
// behind 20 routers through the APIs (bench/lib/topology-seed.mjs), logs in
// through the portal with Playwright (Debian's Chromium) and measures:
//   1. first interactive render of /project/network-topology;
//   2. frames while panning and zooming;
//   3. server create (Nova API, and the BFF's launch procedure) → its node on screen;
//   4. `network.topology` latency as the browser's session sees it.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`.
// Definitions of every figure: docs/benchmarks.md, "Network topology: the diagram in the browser".
import { mkdirSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.mjs";
import { profile } from "./lib/cpu-profile.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import {
  armNodeWatch,
  armViewportAnswer,
  eventMentioning,
  installProbes,
  launchThroughBff,
  loadMilestones,
  startFrames,
  stopFrames,
  timeTopologyReads,
} from "./lib/page-probes.mjs";
import { fmtMs, frameStats, max, median, pct, percentile } from "./lib/stats.mjs";
import { largeTopologyScreen, settleViewport, smallTopologyScreens } from "./lib/topology-screens.mjs";
import { cloudApi, login, seedTopology } from "./lib/topology-seed.mjs";
import { startUiStack } from "./lib/ui-stack.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 500);
const NETWORKS = Number(process.env.BENCH_NETWORKS ?? 50);
const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 20);
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const CREATES = Number(process.env.BENCH_CREATES ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const GESTURE_MS = Number(process.env.BENCH_GESTURE_MS ?? 4000);
const SCREENSHOTS = process.env.BENCH_SCREENSHOTS !== "0";
const adminPassword = "bench-ui-admin-pw";
const demoPassword = "bench-ui-demo-pw";
const TOPOLOGY = "/project/network-topology";
const IMAGES = join(ROOT, "docs/images");
/** Debian's Chromium with the e2e suite's flags (e2e/playwright.config.ts). */

const say = (line) => process.stdout.write(`${line}\n`);
const epochNow = () => performance.timeOrigin + performance.now();
const load1 = () => loadavg()[0];
const r = { load: { start: load1() } };

async function portalLogin(page, username, password) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/project(\?|$)/);
}

async function waitForServers(api, nameRegex, predicate, what) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { servers } = await api(
      "GET",
      `/compute/v2.1/servers/detail?name=${encodeURIComponent(nameRegex)}`,
    );
    if (predicate(servers)) return servers;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** demo's DevStack-like start: three instances on `private`, one with a floating IP. */
async function smallTopology(api, imageId) {
  const { networks } = await api("GET", "/networking/v2.0/networks?name=private");
  const [pub] = (await api("GET", "/networking/v2.0/networks?name=public")).networks;
  const privateNet = networks[0];
  if (!privateNet || !pub) throw new Error("the demo project's private network or public is missing");
  const server = (name, count) => ({
    server: {
      name,
      imageRef: imageId,
      flavorRef: "1",
      min_count: count,
      max_count: count,
      networks: [{ uuid: privateNet.id }],
    },
  });
  await api("POST", "/compute/v2.1/servers", server("web", 2));
  await api("POST", "/compute/v2.1/servers", server("db", 1));
  const servers = await waitForServers(
    api,
    "^(web|db)",
    (list) => list.length === 3 && list.every((s) => s.status === "ACTIVE"),
    "the small topology's servers",
  );
  const web1 = servers.find((s) => s.name === "web-1");
  const { ports } = await api("GET", `/networking/v2.0/ports?device_id=${web1.id}`);
  const { floatingip } = await api("POST", "/networking/v2.0/floatingips", {
    floatingip: { floating_network_id: pub.id, port_id: ports[0].id },
  });
  return { serverIds: servers.map((s) => s.id), floatingIpId: floatingip.id };
}

async function removeSmallTopology(api, small) {
  await api("DELETE", `/networking/v2.0/floatingips/${small.floatingIpId}`);
  for (const id of small.serverIds) await api("DELETE", `/compute/v2.1/servers/${id}`);
  await waitForServers(api, "^(web|db)", (list) => list.length === 0, "the small topology's servers to go");
}

/** Loads the topology page; the first render's milestones (ms since navigation start). */
async function measureLoad(page) {
  await page.goto(TOPOLOGY, { waitUntil: "commit" });
  const pane = page.locator(".react-flow");
  await page.waitForSelector('[data-topology-ready="true"]');
  const box = await pane.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(armViewportAnswer);
  await page.mouse.wheel(0, -200);
  const answer = await page.evaluate(() => window.__bench.answered);
  const m = await page.evaluate(loadMilestones);
  const inputLatency = answer.inputAt === null ? null : answer.at - answer.inputAt;
  // Drawn and answering: the first frame with the diagram, plus how long the first input then took to
  // show (the bench's own round trips to the browser between the two are not the page's doing).
  return { ...m, inputLatency, interactive: m.readyFrame + (inputLatency ?? 0) };
}

/** A point on the empty pane (not on a node or edge) near the canvas centre, to drag from. */
async function emptyPanePoint(page) {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!pane) return null;
    for (let dy = 0; dy < pane.height / 2; dy += 20) {
      for (let dx = 0; dx < pane.width / 2; dx += 20) {
        for (const [x, y] of [
          [pane.x + pane.width / 2 + dx, pane.y + pane.height / 2 + dy],
          [pane.x + pane.width / 2 - dx, pane.y + pane.height / 2 - dy],
        ]) {
          if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
        }
      }
    }
    return null;
  });
  if (!point) throw new Error("no empty spot on the pane to drag from");
  return point;
}

/** Frames during `gesture` (which runs until its deadline). */
async function framesDuring(page, gesture) {
  await page.evaluate(startFrames);
  const until = Date.now() + GESTURE_MS;
  await gesture(until);
  const { frames, nodesInDom } = await page.evaluate(stopFrames);
  return { ...frameStats(frames), nodesInDom };
}

async function measureFrames(page) {
  await page.goto(TOPOLOGY);
  await page.waitForSelector('[data-topology-ready="true"]');
  await settleViewport(page);
  const idle = await framesDuring(page, (until) => page.waitForTimeout(until - Date.now()));
  const start = await emptyPanePoint(page);
  const pan = await framesDuring(page, async (until) => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let a = 0; Date.now() < until; a += 0.05) {
      await page.mouse.move(start.x + 300 * Math.sin(a), start.y + 200 * (1 - Math.cos(a)));
    }
    await page.mouse.up();
  });
  const box = await page.locator(".react-flow").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Out to the whole graph (every node in view) and back in, over and over.
  const zoom = await framesDuring(page, async (until) => {
    for (let i = 0; Date.now() < until; i++) {
      await page.mouse.wheel(0, Math.floor(i / 10) % 2 === 0 ? 120 : -120);
    }
  });
  return { idle, pan, zoom };
}

/** Centres the diagram on a network through the search box, as a user would. */
async function focusNetwork(page, name) {
  const search = page.getByRole("combobox", { name: "Find a node by name or address" });
  await search.fill(name);
  await page
    .getByRole("option")
    .filter({ hasText: new RegExp(`^${name}\\D`) })
    .first()
    .click();
  await settleViewport(page);
}

async function measureCreates(page, api, seeded, imageId) {
  await page.goto(TOPOLOGY);
  await page.waitForSelector('[data-topology-ready="true"]');
  await page.getByText("Live", { exact: true }).waitFor();
  const runs = [];
  for (let k = 0; k < CREATES * 2; k++) {
    const via = k % 2 === 0 ? "api" : "bff";
    const networkId = seeded.networkIds[k % seeded.networkIds.length];
    const name = `probe-${via}-${String(k).padStart(2, "0")}`;
    await focusNetwork(page, `ui-net-${k % seeded.networkIds.length}`);
    await page.evaluate(armNodeWatch, name);
    let sentAt;
    let answeredAt = null;
    if (via === "api") {
      sentAt = epochNow();
      await api("POST", "/compute/v2.1/servers", {
        server: { name, imageRef: imageId, flavorRef: "1", networks: [{ uuid: networkId }] },
      });
      answeredAt = epochNow();
    } else {
      sentAt = await page.evaluate(launchThroughBff, { name, imageId, flavorId: "1", networkId });
    }
    const shownAt = await page.evaluate(
      (n) =>
        Promise.race([
          window.__bench.nodeSeen[n],
          new Promise((resolve) => setTimeout(resolve, 60_000, null)),
        ]),
      name,
    );
    if (shownAt === null) {
      await page.screenshot({ path: join(tmpdir(), `bench-topology-${name}.png`) });
      const events = await page.evaluate(() =>
        window.__bench.events.map((e) => [e.at, e.data.slice(0, 200)]),
      );
      throw new Error(
        `${name}: no node on screen within 60 s (screenshot in ${tmpdir()}; events since: ${JSON.stringify(events.filter(([at]) => at >= sentAt))})`,
      );
    }
    const event = await page.evaluate(eventMentioning, { name, since: sentAt });
    runs.push({
      via,
      name,
      toNode: shownAt - sentAt,
      toEvent: event ? event.at - sentAt : null,
      toAnswer: answeredAt === null ? null : answeredAt - sentAt,
      eventToNode: event ? shownAt - event.at : null,
    });
    say(
      `  ${name}: node on screen after ${fmtMs(shownAt - sentAt)}${answeredAt === null ? "" : ` (Nova answered the create after ${fmtMs(answeredAt - sentAt)})`}`,
    );
  }
  return runs;
}

let ui;
let browser;
try {
  say("Starting the stack (fake compute and network hosts)…");
  // BENCH_DATABASE_URL=postgresql://…: the control plane's data in PostgreSQL (its queries then run
  // outside the control plane's event loop; on PGlite a burst of 500 builds can stall it past the agents' pings).
  ui = await startUiStack({ adminPassword, demoPassword, databaseUrl: process.env.BENCH_DATABASE_URL });
  const { controlUrl, webUrl } = ui.stack;
  const admin = await login(controlUrl, "admin", adminPassword, "admin");
  const demo = await login(controlUrl, "demo", demoPassword, "demo");
  const api = (method, path, body) => cloudApi(controlUrl, demo.token, method, path, body);
  const [image] = (await api("GET", "/image/v2/images?name=zenith-starter")).images;
  if (!image) throw new Error("no zenith-starter image");

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  r.browser = browser.version();

  if (SCREENSHOTS) {
    say("Screenshots of a small topology…");
    mkdirSync(IMAGES, { recursive: true });
    const small = await smallTopology(api, image.id);
    const context = await browser.newContext({
      baseURL: webUrl,
      // Tall enough for the whole small diagram under the page's header.
      viewport: { width: 1280, height: 1024 },
      reducedMotion: "reduce",
    });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await portalLogin(page, "demo", demoPassword);
    r.shots = await smallTopologyScreens(page, IMAGES, "web-1");
    await context.close();
    await removeSmallTopology(api, small);
  }

  say(`Seeding ${INSTANCES} instances on ${NETWORKS} networks behind ${ROUTERS} routers…`);
  const t0 = performance.now();
  const seeded = await seedTopology({
    controlUrl,
    adminToken: admin.token,
    token: demo.token,
    projectId: demo.projectId,
    networks: NETWORKS,
    routers: ROUTERS,
    instances: INSTANCES,
    prefix: "ui",
    // Two requests at a time rather than four: the browser, the stack and the seeding share the cores.
    concurrency: 2,
    log: (m) => say(`  seeded ${m} (${((performance.now() - t0) / 1000).toFixed(0)} s)`),
  });
  r.seedS = (performance.now() - t0) / 1000;
  r.load.seeded = load1();

  const context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1600, height: 1200 } });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await portalLogin(page, "demo", demoPassword);

  say(`1. First interactive render, ${LOADS + 1} loads…`);
  r.loads = [];
  for (let i = 0; i <= LOADS; i++) {
    const m = await measureLoad(page);
    r.loads.push(m);
    say(
      `  load ${i}: ready ${fmtMs(m.ready)}, first wheel answered in ${fmtMs(m.inputLatency)}, ${m.nodesInDom}/${m.nodesInGraph} nodes in the DOM`,
    );
  }
  r.load.loads = load1();
  if (process.env.BENCH_PROFILE) {
    const topFunctions = await profile(page, process.env.BENCH_PROFILE, () => measureLoad(page));
    say(
      `  CPU profile of one more load in ${process.env.BENCH_PROFILE}; self time:\n${topFunctions.join("\n")}`,
    );
  }

  say("2. Frames while panning and zooming…");
  r.frames = await measureFrames(page);
  for (const [k, f] of Object.entries(r.frames)) {
    say(`  ${k}: ${f.fps.toFixed(0)} fps, ${pct(f.over16)} over 16.7 ms, ${pct(f.over33)} over 33 ms`);
  }
  r.load.frames = load1();

  say(`3. Create → node on screen, ${CREATES} through the Nova API and ${CREATES} through the BFF…`);
  r.creates = await measureCreates(page, api, seeded, image.id);
  r.load.creates = load1();

  say(`4. network.topology from the browser's session, ${CALLS} sequential reads…`);
  await page.goto("/project");
  const reads = await page.evaluate(timeTopologyReads, CALLS);
  r.reads = { p50: percentile(reads, 50), p95: percentile(reads, 95), p99: percentile(reads, 99) };
  r.graphNodes = r.loads.at(-1)?.nodesInGraph;
  r.load.reads = load1();

  if (SCREENSHOTS) {
    say("Screenshot of the large graph…");
    const storageState = await context.storageState();
    try {
      r.shots.push(...(await largeTopologyScreen(browser, storageState, webUrl, IMAGES)));
    } catch (err) {
      // The figures matter more than the picture: report and go on.
      say(`  the large graph's screenshot failed: ${err.message}`);
    }
  }
  await context.close();
  r.load.end = load1();
} finally {
  await browser?.close();
  await ui?.stop();
}

say(JSON.stringify(r, null, 2));

// The figures, as a table for docs/benchmarks.md.
const warm = r.loads.slice(1);
const col = (key) => warm.map((m) => m[key]).filter((v) => v !== null);
const api = r.creates.filter((c) => c.via === "api");
const bff = r.creates.filter((c) => c.via === "bff");
const answered = (runs) => {
  const times = runs.map((c) => c.toAnswer).filter((t) => t !== null);
  return times.length > 0 ? `Nova answers the create after ${fmtMs(median(times))}, ` : "";
};
const createRow = (label, runs) =>
  `| ${label}: median / max | ${fmtMs(median(runs.map((c) => c.toNode)))} / ${fmtMs(max(runs.map((c) => c.toNode)))} (${answered(runs)}event arrives after ${fmtMs(median(runs.map((c) => c.toEvent)))}, node drawn ${fmtMs(median(runs.map((c) => c.eventToNode)))} later; medians) |`;
const frameRow = (label, f) =>
  `| ${label} | ${f.fps.toFixed(0)} fps; ${pct(f.over16)} of frames over 16.7 ms, ${pct(f.over33)} over 33 ms; p95 ${fmtMs(f.p95)}, worst ${fmtMs(f.worst)}; ${f.nodesInDom} nodes in the DOM at the end |`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} vCPU (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB; 1-minute load ${r.load.start.toFixed(1)} at start, ${r.load.seeded.toFixed(1)} after seeding, ${r.load.loads.toFixed(1)} / ${r.load.frames.toFixed(1)} / ${r.load.creates.toFixed(1)} / ${r.load.reads.toFixed(1)} after measures 1–4 (the machine is shared). Chromium ${r.browser} headless, software rendering (\`--disable-gpu\`), viewport 1600×1200; production portal build; control plane on ${process.env.BENCH_DATABASE_URL ? "PostgreSQL 15" : "PGlite"}, 2 fake compute hosts with fake networking.`,
  "",
  `Seeded through the APIs: ${INSTANCES} instances on ${NETWORKS} networks behind ${ROUTERS} routers in ${r.seedS.toFixed(0)} s; the diagram has ${r.graphNodes} nodes.`,
  "",
  "| Measure | Figure |",
  "| --- | --- |",
  `| 1. First interactive render (median of ${warm.length} loads; aim under 1 s) | **${fmtMs(median(col("interactive")))}** (min ${fmtMs(Math.min(...col("interactive")))}, max ${fmtMs(max(col("interactive")))}); first visit (cold cache) ${fmtMs(r.loads[0].interactive)} |`,
  `| … of which: HTML received / \`network.topology\` answered / layout (elk) / diagram ready / first frame after it | ${fmtMs(median(col("responseEnd")))} / ${fmtMs(median(col("topologyResponseEnd")))} / ${fmtMs(median(col("layoutMs")))} / ${fmtMs(median(col("ready")))} / ${fmtMs(median(col("readyFrame")))} |`,
  `| … the first wheel after it: input → answered on screen | ${fmtMs(median(col("inputLatency")))} (max ${fmtMs(max(col("inputLatency")))}) |`,
  `| … nodes drawn at first render | ${warm[0]?.nodesInDom} in view of ${r.graphNodes} (React Flow draws only what is in view) |`,
  frameRow("2. Idle (no input), for reference", r.frames.idle),
  frameRow(`2. Panning (drag, ${GESTURE_MS / 1000} s; aim 60 fps)`, r.frames.pan),
  frameRow(
    `2. Zooming out to the whole graph and back (wheel, ${GESTURE_MS / 1000} s; aim 60 fps)`,
    r.frames.zoom,
  ),
  createRow(`3. Create through the Nova API → node on screen (${api.length} runs; aim under 1 s)`, api),
  createRow(
    `3. Launch through the BFF (\`compute.instances.launch\`) → node on screen (${bff.length} runs; aim under 1 s)`,
    bff,
  ),
  `| 4. \`network.topology\` from the browser's session (through the portal's proxy), ${CALLS} sequential reads: p50 / p95 / p99 (aim: p99 under 100 ms) | ${fmtMs(r.reads.p50)} / ${fmtMs(r.reads.p95)} / **${fmtMs(r.reads.p99)}** |`,
];
const table = lines.join("\n");
say(table);

writeDocSection("topology-ui", table);
