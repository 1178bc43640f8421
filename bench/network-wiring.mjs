// Benchmark: the network agent's linux driver wiring 100 ports on one host.
// A throwaway network namespace stands for the host (as ZENITH_NETWORK_NETNS
// makes the agent do); in it an empty bridge carries the tunnel address and
// 100 tap devices stand for the guests' taps. The agent's reconciler and
// linux driver (L2 alone: no DHCP, no router) run in this process and are
// given one desired state: one vxlan network, 100 ports with a fixed
// address and a security group each. Measures, per round on a fresh
// namespace:
//   1. from the desired message to the report of all 100 ports wired
//      (bridge, vxlan device, flooding entry, each tap enslaved and up,
//      each port's nftables chains);
//   2. the same desired message again (a resync with nothing to change)
//      until every pass is done;
//   3. a restart: a new driver and reconciler on the same state, until
//      they converged in place (nothing to change either).
// Root only (and only where the machine lets it change networking):
// otherwise prints why and measures nothing. Nothing leaves the namespace:
// the only peer is an address on its empty bridge. Removes the namespace
// (its devices and nftables tables go with it) and its state directory,
// also on failure or interruption. Not part of `npm test`.

import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { writeDocSection } from "./lib/doc-section.mjs";
import { addNamespace, removeNamespaces } from "./lib/netns.mjs";

register();
const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const agent = (path) => import(join(ROOT, "apps/network-agent/src", path));
const { LinuxDriver } = await agent("driver/linux/driver.ts");
const { run } = await agent("driver/linux/exec.ts");
const { noL3 } = await agent("driver/linux/l3.ts");
const { probeLinuxNetworking } = await agent("driver/linux/probe.ts");
const { Reconciler } = await agent("reconciler.ts");
const { tapDeviceName } = await import("@zenith/agent-protocol/network");
const { createLogger } = await import("@zenith/core/logger");

const PORTS = Number(process.env.BENCH_WIRE_PORTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
const TUNNEL_IP = "192.0.2.1";
// On that bridge's /24: flooded frames go nowhere.
const PEER_IP = "192.0.2.2";
const logger = createLogger("bench-network-wiring", process.env.LOG_LEVEL ?? "silent");

if (typeof process.getuid === "function" && process.getuid() !== 0) {
  process.stdout.write(
    "Skipped: wiring ports with the linux driver needs root (network namespaces, devices, nftables).\n",
  );
  process.exit(0);
}
const probe = await probeLinuxNetworking();
if (!probe.ok) {
  process.stdout.write(`Skipped: this process cannot change networking: ${probe.reason}\n`);
  process.exit(0);
}

/** What this run made, removed by cleanup() whatever happens. */
const made = { namespaces: new Set(), dirs: new Set() };
async function cleanup() {
  // Deleting a namespace deletes its devices and its nftables tables.
  removeNamespaces([...made.namespaces]);
  made.namespaces.clear();
  for (const dir of made.dirs) {
    rmSync(dir, { recursive: true, force: true });
    made.dirs.delete(dir);
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

const securityRules = [
  {
    direction: "egress",
    ethertype: "IPv4",
    protocol: null,
    portRangeMin: null,
    portRangeMax: null,
    remotePrefixes: null,
  },
  {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "icmp",
    portRangeMin: null,
    portRangeMax: null,
    remotePrefixes: null,
  },
  {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remotePrefixes: ["0.0.0.0/0"],
  },
];

function desiredState() {
  const networkId = randomUUID();
  const network = {
    id: networkId,
    type: "vxlan",
    segmentationId: 4242,
    physicalNetwork: null,
    mtu: 1450,
    external: false,
    peers: [PEER_IP],
  };
  const ports = Array.from({ length: PORTS }, (_, i) => {
    const id = randomUUID();
    return {
      id,
      networkId,
      mac: `fa:16:3e:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 0xff).toString(16).padStart(2, "0")}`,
      device: tapDeviceName(id),
      adminStateUp: true,
      fixedIps: [
        {
          subnetId: "bench-subnet",
          address: `10.0.${i >> 8}.${(i & 0xff) + 10}`,
          prefixLength: 16,
          ipVersion: 4,
        },
      ],
      portSecurity: true,
      securityRules,
      allowedAddressPairs: [],
      generation: 1,
    };
  });
  return { type: "desired", full: true, networks: [network], ports, dhcp: [], routers: [] };
}

/** The host: a namespace with the tunnel address on an empty bridge and every port's tap. */
async function makeHost(ports) {
  const ns = `zn-bench-${randomBytes(3).toString("hex")}`;
  made.namespaces.add(ns);
  addNamespace(ns, [
    "link add ul0 type bridge",
    `addr add ${TUNNEL_IP}/24 dev ul0`,
    "link set ul0 up",
    ...ports.map((p) => `tuntap add dev ${p.device} mode tap`),
  ]);
  return ns;
}

async function startAgent(ns, stateDir, onReport) {
  const driver = new LinuxDriver({ netns: ns, tunnelIp: TUNNEL_IP, physicalNetworks: [], l3: noL3, logger });
  await driver.init();
  const reconciler = new Reconciler({
    driver,
    stateDir,
    send: (m) => {
      if (m.type === "report") onReport(m.applied);
    },
    logger,
    // No periodic resync during the measurement: the resync is measured on its own.
    resyncMs: 3_600_000,
  });
  await reconciler.start();
  return { driver, reconciler };
}

async function stopAgent({ driver, reconciler }) {
  await reconciler.stop();
  await driver.close();
}

/** `what` is a function: its text is made when the time is up (e.g. with the last errors). */
function withTimeout(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what()}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Checks on the host itself that every tap is in the bridge and up, and every port has its chains. */
async function verify(ns, desired) {
  const links = JSON.parse(await run(["ip", "-j", "link", "show"], { netns: ns }));
  const bridge = links.find((l) => l.ifname === `brq${desired.networks[0].id.slice(0, 11)}`);
  if (bridge === undefined) throw new Error("no bridge on the host");
  const enslaved = links.filter((l) => l.master === bridge.ifname && l.ifname.startsWith("tap"));
  const notUp = enslaved.filter((l) => !l.flags.includes("UP"));
  if (enslaved.length !== PORTS || notUp.length > 0) {
    throw new Error(`${enslaved.length} taps in the bridge (${notUp.length} not up), ${PORTS} expected`);
  }
  const rules = await run(["nft", "list", "ruleset"], { netns: ns });
  const filtered = desired.ports.filter((p) => rules.includes(`"${p.device}" : jump from-`)).length;
  if (filtered !== PORTS) throw new Error(`${filtered} of ${PORTS} taps filtered`);
}

async function round() {
  const desired = desiredState();
  const want = JSON.stringify(
    desired.ports
      .map((p) => ({ id: p.id, generation: p.generation }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  );
  const ns = await makeHost(desired.ports);
  const stateDir = mkdtempSync(join(tmpdir(), "zenith-bench-wiring-"));
  made.dirs.add(stateDir);
  let lastErrors = [];
  let wired;
  const allWired = new Promise((resolve) => {
    wired = (applied) => {
      lastErrors = applied.errors;
      const ids = JSON.stringify([...applied.ports].sort((a, b) => a.id.localeCompare(b.id)));
      if (applied.errors.length === 0 && ids === want) resolve();
    };
  });
  let host = await startAgent(ns, stateDir, (applied) => wired(applied));
  try {
    await host.reconciler.idle();
    const t0 = performance.now();
    host.reconciler.onDesired(desired);
    await withTimeout(
      () => `${PORTS} ports wired (last errors: ${JSON.stringify(lastErrors.slice(0, 3))})`,
      allWired,
    );
    const wireMs = performance.now() - t0;
    await host.reconciler.idle();
    await verify(ns, desired);

    const t1 = performance.now();
    host.reconciler.onDesired(desired);
    await withTimeout(() => "the resync", host.reconciler.idle());
    const resyncMs = performance.now() - t1;

    await stopAgent(host);
    const t2 = performance.now();
    host = await startAgent(ns, stateDir, () => {});
    await withTimeout(() => "the restart", host.reconciler.idle());
    const restartMs = performance.now() - t2;
    await verify(ns, desired);
    return { wireMs, resyncMs, restartMs };
  } finally {
    await stopAgent(host).catch(() => {});
    await cleanup();
  }
}

const loadStart = uptime();
const rounds = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round());
    process.stdout.write(`round ${i + 1}: ${JSON.stringify(rounds.at(-1))}\n`);
  }
} finally {
  await cleanup();
}
const loadEnd = uptime();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v) => `${Math.round(v)} ms`;
const loadOf = (text) => /load average: (.*)$/.exec(text)?.[1] ?? text;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the linux driver (L2 alone) in a throwaway namespace, one vxlan network, ${PORTS} ports with 3 security group rules each. Load average of the machine (1, 5, 15 min; shared with other work) ${loadOf(loadStart)} at the start, ${loadOf(loadEnd)} at the end.`,
  "",
  `| ${PORTS} ports on one host, linux driver | desired to all reported wired | same desired again (resync, nothing to change) | restart, converged in place |`,
  "|---|---|---|---|",
  ...rounds.map((r, i) => `| round ${i + 1} | ${ms(r.wireMs)} | ${ms(r.resyncMs)} | ${ms(r.restartMs)} |`),
  `| median | ${ms(median(rounds.map((r) => r.wireMs)))} | ${ms(median(rounds.map((r) => r.resyncMs)))} | ${ms(median(rounds.map((r) => r.restartMs)))} |`,
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("network-wiring", table);
