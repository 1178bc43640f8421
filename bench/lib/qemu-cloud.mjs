// A Zenith with real zenith-tiny guests for the benches: the control plane
// (PGlite on disk), one compute agent on the qemu driver and, when asked, a
// volume agent on the file driver, as separate processes on loopback (as
// `npm start` runs them); the admin's API, guests' serial consoles and
// launches. Used by bench/qemu.mjs and bench/volumes.mjs.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { freePort, startService, waitForUrl } from "../../scripts/lib/processes.mjs";

export const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const TSX = join(ROOT, "node_modules/.bin/tsx");
export const BOOT_TIMEOUT_MS = 180_000;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Null when the QEMU tools run here, else why not (the bench then skips, saying so). */
export function qemuMissing(tools = ["qemu-system-x86_64", "qemu-img"]) {
  const probe = tools.map((t) => `command -v ${t}`).join(" && ");
  return spawnSync("sh", ["-c", probe]).status === 0
    ? null
    : `QEMU is not installed (${tools.join(", ")}; apt-get install qemu-system-x86 qemu-utils)`;
}

export function qemuVersionString() {
  return execFileSync("qemu-system-x86_64", ["--version"], { encoding: "utf8" })
    .split("\n")[0]
    .replace(/^QEMU emulator version\s*/, "");
}

/** PIDs of the QEMU process(es) running the guest with this uuid. */
export function qemuPids(uuid) {
  try {
    return execFileSync("pgrep", ["-f", `qemu-system.*${uuid}`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Linear-interpolated quantile (q in 0…1) of unsorted values. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
export const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Starts the cloud (children are pushed into `children` as they start, so
 * the caller can stop them whatever fails) and logs in as admin. Returns
 * the API client and what the benches need to launch guests.
 */
export async function startQemuCloud({
  children,
  password = "bench-admin-pw",
  volumes = false,
  label = "bench",
}) {
  const suffix = randomBytes(2).toString("hex");
  const tinyDir = join(ROOT, ".cache", "zenith-tiny");
  execFileSync(join(ROOT, "scripts/tiny-image/build.sh"), [tinyDir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Short: the file volume driver's and the qemu driver's unix socket paths live under it (108 bytes at most).
  const dataDir = mkdtempSync(join(tmpdir(), `z${label.slice(0, 6)}-`));
  const port = await freePort();
  const controlUrl = `http://127.0.0.1:${port}`;
  const control = startService("control", TSX, ["src/main.ts"], {
    cwd: join(ROOT, "apps/control"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_PORT: String(port),
      ZENITH_PUBLIC_URL: controlUrl,
      ZENITH_ADMIN_PASSWORD: password,
      ZENITH_DEMO_PASSWORD: "bench-demo-pw",
      ZENITH_TINY_IMAGE_DIR: tinyDir,
      ZENITH_SEED_STARTER_IMAGE: "false",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(control);
  await waitForUrl(`${controlUrl}/identity/v3`, { child: control, timeoutMs: 180_000 });
  const host = `${label}-${suffix}`;
  const agent = startService("compute-qemu", TSX, ["src/main.ts"], {
    cwd: join(ROOT, "apps/compute-agent"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_URL: controlUrl,
      ZENITH_COMPUTE_HOST: host,
      ZENITH_COMPUTE_AGENTS: "1",
      ZENITH_COMPUTE_DRIVER: "qemu",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(agent);
  if (volumes) {
    children.push(
      startService("volume", TSX, ["src/main.ts"], {
        cwd: join(ROOT, "apps/volume-agent"),
        env: {
          ZENITH_DATA_DIR: dataDir,
          ZENITH_CONTROL_URL: controlUrl,
          // Named as the compute host: they share its credential, as under `npm start`.
          ZENITH_VOLUME_HOST: host,
          ZENITH_VOLUME_DRIVER: "file",
          LOG_LEVEL: process.env.BENCH_VOLUME_LOG ?? "warn",
        },
        quiet: !process.env.BENCH_VOLUME_LOG,
      }),
    );
  }

  const cloud = { controlUrl, dataDir, host, suffix, token: "", projectId: "" };
  const login = await fetch(`${controlUrl}/identity/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { name: "Default" }, password } },
        },
        scope: { project: { name: "admin", domain: { name: "Default" } } },
      },
    }),
  });
  cloud.token = login.headers.get("x-subject-token") ?? "";
  if (login.status !== 201 || !cloud.token) throw new Error(`login failed: ${login.status}`);
  cloud.projectId = (await login.json()).token.project.id;

  const api = async (method, path, body, version = "compute 2.79") => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        "x-auth-token": cloud.token,
        "openstack-api-version": version,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) {
      const err = new Error(`${method} ${path}: ${res.status} ${text}`);
      err.status = res.status;
      throw err;
    }
    return text ? JSON.parse(text) : {};
  };

  for (let i = 0; ; i++) {
    const { hypervisors } = await api("GET", "/compute/v2.1/os-hypervisors/detail");
    if (hypervisors.some((h) => h.hypervisor_hostname === host && h.state === "up")) break;
    if (agent.exitCode !== null) throw new Error(`compute agent exited with code ${agent.exitCode}`);
    if (i > 1200) throw new Error("the QEMU host did not come up");
    await sleep(100);
  }
  await api("PUT", `/compute/v2.1/os-quota-sets/${cloud.projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1 },
  });
  const imageRef = (await api("GET", "/image/v2/images?name=zenith-tiny")).images[0]?.id;
  if (!imageRef) throw new Error("zenith-tiny is not registered");
  const flavorRef = (await api("GET", "/compute/v2.1/flavors")).flavors.find((f) => f.name === "m1.tiny")?.id;
  if (!flavorRef) throw new Error("flavor m1.tiny missing");
  return { ...cloud, api, imageRef, flavorRef, agent };
}

/**
 * An open serial console: collects what the guest prints and resolves
 * waiters whose pattern matches output received after they started waiting.
 */
export async function openSerial(api, serverId) {
  const { remote_console: rc } = await api(
    "POST",
    `/compute/v2.1/servers/${serverId}/remote-consoles`,
    { remote_console: { protocol: "serial", type: "serial" } },
    "compute 2.8",
  );
  const ws = new WebSocket(rc.url);
  let seen = "";
  let waiter;
  ws.on("message", (data) => {
    seen += Buffer.from(data).toString("latin1");
    if (waiter?.test(seen.slice(waiter.from))) {
      const w = waiter;
      waiter = undefined;
      w.resolve(performance.now());
    }
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return {
    /** Output since `mark()` matches `test`: resolves with the time it arrived. */
    waitFor(test, timeoutMs, from = seen.length) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(
            new Error(
              `serial console of ${serverId}: timed out; last output ${JSON.stringify(seen.slice(-200))}`,
            ),
          );
        }, timeoutMs);
        const w = {
          from,
          test,
          resolve: (t) => {
            clearTimeout(timer);
            resolve(t);
          },
        };
        if (test(seen.slice(from))) w.resolve(performance.now());
        else waiter = w;
      });
    },
    /** What arrived since `from`. */
    since: (from) => seen.slice(from),
    mark: () => seen.length,
    send: (text) => ws.send(text),
    close: () => ws.close(),
  };
}

export async function waitActive(api, serverId, timeoutMs = BOOT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { server } = await api("GET", `/compute/v2.1/servers/${serverId}`);
    if (server.status === "ACTIVE") return performance.now();
    if (server.status === "ERROR") throw new Error(`${serverId} went to ERROR: ${server.fault?.message}`);
    if (Date.now() > deadline) throw new Error(`${serverId} not ACTIVE in time (${server.status})`);
    await sleep(100);
  }
}

/**
 * One launch: POST, poll until ACTIVE, then open the serial console and press
 * Enter every 250 ms until the prompt shows. Leaves the console open.
 * `onCreated(id)` hears the server's id before anything can fail.
 */
export async function launch(cloud, name, onCreated = () => {}) {
  const t0 = performance.now();
  const { server } = await cloud.api("POST", "/compute/v2.1/servers", {
    server: { name, imageRef: cloud.imageRef, flavorRef: cloud.flavorRef, networks: "none" },
  });
  onCreated(server.id);
  const tActive = await waitActive(cloud.api, server.id);
  const serial = await openSerial(cloud.api, server.id);
  const prompt = new RegExp(`root@${name}:[^#\\r\\n]*# `);
  const enter = setInterval(() => serial.send("\r"), 250);
  serial.send("\r");
  let tPrompt;
  try {
    tPrompt = await serial.waitFor((s) => prompt.test(s), BOOT_TIMEOUT_MS, 0);
  } finally {
    clearInterval(enter);
  }
  return { id: server.id, name, console: serial, tStart: t0, tActive, tPrompt };
}

export async function deleteAndWait(api, ids, timeoutMs = 120_000) {
  await Promise.all(
    ids.map((id) =>
      api("DELETE", `/compute/v2.1/servers/${id}`).catch((err) => {
        if (err.status !== 404) throw err;
      }),
    ),
  );
  const deadline = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const gone = await api("GET", `/compute/v2.1/servers/${id}`).then(
        () => false,
        (err) => err.status === 404,
      );
      if (gone && qemuPids(id).length === 0) break;
      if (Date.now() > deadline) throw new Error(`server ${id} not gone in time`);
      await sleep(200);
    }
  }
}
