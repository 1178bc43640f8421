// Starts the whole Zenith stack: control plane, BFF and portal.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { portalSimulationEnv } from "./portal-notes.mjs";
import { NODE_HEAP_FLAGS, NODE_TS, run, startService, stopServices, waitForUrl } from "./processes.mjs";

export const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const NEXT = join(ROOT, "node_modules", ".bin", "next");

/** The AUTH_SECRET shared by portal and BFF: from the environment, or made once and kept in the data folder. */
export function authSecret(dataDir) {
  const given = process.env.AUTH_SECRET;
  if (given) {
    // Checked here too, so `npm start` says it once instead of the BFF dying in a loop.
    if (Buffer.byteLength(given, "utf8") < 32) {
      throw new Error("AUTH_SECRET must be at least 32 bytes (generate one with: openssl rand -base64 32)");
    }
    return given;
  }
  // The data folder holds the database and secrets: owner only.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

/** The portal's login secret: from the environment, or the one the control plane generated into the data folder. */
function portalSecret(dataDir) {
  if (process.env.ZENITH_PORTAL_SECRET) return { ZENITH_PORTAL_SECRET: process.env.ZENITH_PORTAL_SECRET };
  const file = join(dataDir, "portal-secret");
  return existsSync(file) ? { ZENITH_PORTAL_SECRET: readFileSync(file, "utf8").trim() } : {};
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Dot folders are tools' state, not sources: turbo writes each package's `.turbo/` log when
    // `npm test` typechecks after the build, which made the portal build twice per run.
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the portal when there is no build yet or a source is newer than it. */
export async function ensureWebBuild({ force = false, typecheckedElsewhere = false } = {}) {
  const buildId = join(ROOT, "apps/web/.next/BUILD_ID");
  const sources = ["apps/web/src", "apps/web/messages", "apps/web/public", "apps/bff/src", "packages"].map(
    (d) => join(ROOT, d),
  );
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...sources.map(newestMtime), statSync(join(ROOT, "apps/web/package.json")).mtimeMs);
  if (!force && builtAt > newest) return;
  process.stdout.write("Building the portal (next build)…\n");
  const code = await run(NEXT, ["build"], {
    cwd: join(ROOT, "apps/web"),
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "build-time-placeholder-secret-32-bytes",
      ...(typecheckedElsewhere ? { ZENITH_BUILD_TYPECHECKED_ELSEWHERE: "1" } : {}),
    },
  });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

/**
 * Starts control plane, BFF and portal; resolves once all three answer.
 * Returns the children and the URLs.
 */
export async function startStack({
  dataDir,
  ports,
  databaseUrl,
  env = {},
  quiet = false,
  logStream,
  computeHosts = Number(process.env.ZENITH_COMPUTE_AGENTS ?? 1),
  // QEMU hosts (real guests) run in an agent process of their own; they need a built zenith-tiny.
  qemuHosts = 0,
  tinyImageDir,
  // Why instances are simulated where no QEMU host runs (the portal's banner): see chooseComputeDriver.
  simulatedReason = "no-qemu",
  // The network agents' driver on QEMU hosts (fake hosts always simulate networking) and, when fake,
  // why (chosen | no-privilege: the portal's banner; null shows none): see chooseNetworkDriver.
  networkDriver = "fake",
  networkFakeReason = null,
  // `{ netns, tunnelIp }`: the network agents wire that namespace instead of the machine's own
  // (ZENITH_NETWORK_NETNS; their outside world `<netns>-outside`) with that VXLAN endpoint, and
  // fake hosts get `networkDriver` too, the caller making their guests' taps in it
  // (bench/network-memory.mjs). `npm start` gives none: fake hosts simulate networking.
  networkNamespace = null,
}) {
  const secret = authSecret(dataDir);
  const controlUrl = `http://localhost:${ports.control}`;
  const keystoneUrl = `${controlUrl}/identity/v3`;
  const bffUrl = `http://127.0.0.1:${ports.bff}`;
  const webUrl = `http://localhost:${ports.web}`;
  const common = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    NEXT_TELEMETRY_DISABLED: "1",
    // glibc gives each thread that mallocs an arena of its own; Node's few
    // busy threads do not need them, and one arena keeps idle services
    // tens of MiB smaller (bench/memory.mjs).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "1",
    ...env,
  };
  const children = [];
  try {
    const control = startService("control", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/control"),
      env: {
        ...common,
        ZENITH_DATA_DIR: dataDir,
        ZENITH_CONTROL_PORT: String(ports.control),
        ZENITH_PUBLIC_URL: controlUrl,
        // The portal's pages may open console WebSockets.
        ZENITH_PORTAL_URL: webUrl,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...(qemuHosts > 0 && tinyImageDir ? { ZENITH_TINY_IMAGE_DIR: tinyImageDir } : {}),
        // The fake-driver starter image only where fake hosts run.
        ZENITH_SEED_STARTER_IMAGE: computeHosts > 0 ? "true" : "false",
      },
      quiet,
      logStream,
    });
    children.push(control);
    await waitForUrl(`${keystoneUrl}`, { child: control, timeoutMs: 180_000 });

    // The compute agent dials out to the control plane. Each of its hosts
    // enrols once with the join token the control plane keeps in the data
    // folder (<data>/agent-join-token, renewed once spent) and from then on
    // presents its own credential (<data>/hosts/<host>/credential.json, shared
    // by the compute and network agents of that host).
    const agent = (name, driver, host, count) =>
      startService(name, NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
        cwd: join(ROOT, "apps/compute-agent"),
        env: {
          ...common,
          ZENITH_DATA_DIR: dataDir,
          ZENITH_CONTROL_URL: controlUrl,
          ZENITH_COMPUTE_DRIVER: driver,
          ZENITH_COMPUTE_HOST: host,
          ZENITH_COMPUTE_AGENTS: String(count),
          // The qemu driver's KVM probe boots zenith-tiny.
          ...(driver === "qemu" && tinyImageDir ? { ZENITH_TINY_IMAGE_DIR: tinyImageDir } : {}),
        },
        quiet,
        logStream,
      });
    const baseHost = process.env.ZENITH_COMPUTE_HOST ?? "compute1";
    if (computeHosts > 0) children.push(agent("compute", "fake", baseHost, computeHosts));
    if (qemuHosts > 0) {
      children.push(agent("compute-qemu", "qemu", computeHosts > 0 ? "qemu1" : baseHost, qemuHosts));
    }

    // A network agent next to each compute agent, with the same host names (they share the host's
    // credential). Simulated guests have no tap devices: their hosts' networking is simulated too,
    // unless the caller confines the network agents to a namespace and makes the taps there.
    const networkAgentMain = join(ROOT, "apps/network-agent/src/main.ts");
    const networkAgent = (name, driver, host, count) =>
      startService(name, NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
        cwd: join(ROOT, "apps/network-agent"),
        env: {
          ...common,
          ZENITH_DATA_DIR: dataDir,
          ZENITH_CONTROL_URL: controlUrl,
          ZENITH_NETWORK_DRIVER: driver,
          ZENITH_NETWORK_HOST: host,
          ZENITH_NETWORK_AGENTS: String(count),
          ...(networkNamespace
            ? {
                ZENITH_NETWORK_NETNS: networkNamespace.netns,
                ZENITH_TUNNEL_IP: networkNamespace.tunnelIp,
              }
            : {}),
        },
        quiet,
        logStream,
      });
    if (!existsSync(networkAgentMain)) {
      process.stderr.write(
        "No network agent in this checkout (apps/network-agent/src/main.ts): ports stay DOWN.\n",
      );
    } else {
      const fakeHostsDriver = networkNamespace ? networkDriver : "fake";
      if (computeHosts > 0) children.push(networkAgent("network", fakeHostsDriver, baseHost, computeHosts));
      if (qemuHosts > 0) {
        // With several QEMU hosts in one process the agent wires the real host for the first only.
        children.push(
          networkAgent("network-qemu", networkDriver, computeHosts > 0 ? "qemu1" : baseHost, qemuHosts),
        );
      }
    }

    // One volume host (cinder-volume's role), named after the first compute host so it shares that
    // host's credential. `auto` serves real qcow2 disks over NBD when qemu-img and
    // qemu-storage-daemon run here, else simulated volumes.
    if (computeHosts > 0 || qemuHosts > 0) {
      children.push(
        startService("volume", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
          cwd: join(ROOT, "apps/volume-agent"),
          env: {
            ...common,
            ZENITH_DATA_DIR: dataDir,
            ZENITH_CONTROL_URL: controlUrl,
            ZENITH_VOLUME_HOST: baseHost,
            ZENITH_VOLUME_DRIVER: process.env.ZENITH_VOLUME_DRIVER ?? "auto",
          },
          quiet,
          logStream,
        }),
      );
    }

    const bff = startService("bff", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/bff"),
      env: { ...common, AUTH_SECRET: secret, BFF_PORT: String(ports.bff), ZENITH_KEYSTONE_URL: keystoneUrl },
      quiet,
      logStream,
    });
    children.push(bff);
    // apps/web/server.mjs rather than `next start`: the same Next.js server, but the
    // browser's address it hands to the login throttle cannot be forged by the browser.
    const web = startService(
      "web",
      process.execPath,
      [...NODE_HEAP_FLAGS, "server.mjs", "-p", String(ports.web)],
      {
        cwd: join(ROOT, "apps/web"),
        env: {
          ...common,
          AUTH_SECRET: secret,
          AUTH_TRUST_HOST: "true",
          AUTH_URL: webUrl,
          ZENITH_KEYSTONE_URL: keystoneUrl,
          ZENITH_BFF_URL: bffUrl,
          // Lets the portal name the browser's address at login (the control plane wrote it at start).
          ...portalSecret(dataDir),
          // The portal tells users when instances, or networking, are simulated.
          ...portalSimulationEnv({ qemuHosts, simulatedReason, networkDriver, networkFakeReason }),
        },
        quiet,
        logStream,
      },
    );
    children.push(web);
    await waitForUrl(`${bffUrl}/healthz`, { child: bff });
    await waitForUrl(`${webUrl}/login`, { child: web });
  } catch (err) {
    await stopServices(children);
    throw err;
  }
  return {
    children,
    controlUrl,
    keystoneUrl,
    bffUrl,
    webUrl,
    secret,
    computeHosts,
    qemuHosts,
    simulatedReason,
    networkDriver,
    networkFakeReason,
  };
}

export const COMPUTE_DRIVERS = ["fake", "qemu", "auto"];

/**
 * What `ZENITH_COMPUTE_DRIVER` (fake | qemu | auto, default auto) means on
 * this machine: `{ driver, tinyImageDir, simulatedReason }`. `auto` runs
 * real guests where QEMU is installed and zenith-tiny builds, simulated ones
 * otherwise; `fake` simulates even where QEMU is installed; `qemu` throws,
 * saying what to install, where it cannot run real guests.
 */
export function chooseComputeDriver(
  setting = process.env.ZENITH_COMPUTE_DRIVER || "auto",
  deps = { qemuInstalled, buildTinyImage },
) {
  if (!COMPUTE_DRIVERS.includes(setting)) {
    throw new Error(`ZENITH_COMPUTE_DRIVER must be one of ${COMPUTE_DRIVERS.join(", ")} (got "${setting}")`);
  }
  if (setting === "fake") return { driver: "fake", tinyImageDir: null, simulatedReason: "chosen" };
  if (!deps.qemuInstalled()) {
    if (setting === "qemu") {
      throw new Error(
        "ZENITH_COMPUTE_DRIVER=qemu but QEMU is not installed (qemu-system-x86_64 and qemu-img must be on PATH): " +
          "apt-get install -y qemu-system-x86 qemu-utils, or set ZENITH_COMPUTE_DRIVER=fake for simulated instances",
      );
    }
    return { driver: "fake", tinyImageDir: null, simulatedReason: "no-qemu" };
  }
  const tinyImageDir = deps.buildTinyImage();
  if (tinyImageDir) return { driver: "qemu", tinyImageDir, simulatedReason: null };
  if (setting === "qemu") {
    throw new Error(
      "ZENITH_COMPUTE_DRIVER=qemu but the zenith-tiny guest image could not be built (see above)",
    );
  }
  return { driver: "fake", tinyImageDir: null, simulatedReason: "no-image" };
}

/** True when this machine can run QEMU guests (the binaries are on PATH). */
export function qemuInstalled() {
  return spawnSync("sh", ["-c", "command -v qemu-system-x86_64 && command -v qemu-img"]).status === 0;
}

/**
 * Builds zenith-tiny (a no-op when current) into `.cache/zenith-tiny`;
 * returns its folder, or null with the reason printed when it cannot be built.
 */
export function buildTinyImage({ quiet = false } = {}) {
  const dir = join(ROOT, ".cache", "zenith-tiny");
  if (!quiet) process.stdout.write("Preparing the zenith-tiny guest image…\n");
  const res = spawnSync(join(ROOT, "scripts/tiny-image/build.sh"), [dir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (res.status === 0) return dir;
  process.stderr.write(`zenith-tiny could not be built (exit ${res.status}); see the messages above.\n`);
  return null;
}

/** The admin and demo passwords the control plane generated (or took from the environment). */
export function readPasswords(dataDir) {
  const file = join(dataDir, "passwords.json");
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  return {
    admin: process.env.ZENITH_ADMIN_PASSWORD ?? stored.admin ?? "(see the control plane log)",
    demo: process.env.ZENITH_DEMO_PASSWORD ?? stored.demo ?? "(see the control plane log)",
  };
}
