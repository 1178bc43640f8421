// Benchmark: memory of the network agent on its linux driver, with what it
// starts beside itself (a dnsmasq per DHCP network; the metadata service is
// in the agent's own process), as `npm start` runs the stack: control plane,
// compute agent, network agent, volume host, BFF and portal (startStack),
// the bootstrap's `public` (flat, external, its outside world a namespace),
// `private` with a subnet and `router1` in the demo project.
//
// Contained: the network agent wires a throwaway namespace standing for the
// host (ZENITH_NETWORK_NETNS), as the traffic suite's hosts do; its tunnel
// address sits on an empty bridge there (no VXLAN peer: one host), its
// outside world is `<that namespace>-outside`, and its DHCP and router
// namespaces are named after ids of this run's cloud. The compute host is
// fake (no guest runs); for each server's port the bench makes the tap QEMU
// would make, in the host's namespace, so the linux driver really wires it
// (the server goes ACTIVE only then). No packet leaves those namespaces.
// Afterwards every namespace, process and file of the run is removed (also
// on failure or Ctrl-C) and the bench proves that nothing is left.
//
// Measured (PSS, /proc/<pid>/smaps_rollup; the median of a few samples):
//   1. idle: the bootstrap's networks wired, after settling;
//   2. loaded: BENCH_SERVERS servers (default 10, the demo quota) with one
//      port each on `private`, BENCH_NETWORKS more networks with a subnet
//      (DHCP) on router1 (default 3), and BENCH_FIPS floating IPs (default 2)
//      on servers' ports, after settling.
// Root only, and only where the machine can change networking (the agent's
// own probe): otherwise prints why and measures nothing. Not part of `npm test`.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { probeNetworking } from "../scripts/lib/network-driver.mjs";
import { freePort, stopServices } from "../scripts/lib/processes.mjs";
import { ensureWebBuild, readPasswords, startStack } from "../scripts/lib/stack.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import {
  addNamespace,
  namespaceNames,
  namespacePids,
  removeNamespaces,
  rootNetworking,
  rootNetworkingAdded,
} from "./lib/netns.mjs";
import { descendantsOf, pssByKind, pssKib, pssRowsByService } from "./lib/pss.mjs";
import { login } from "./lib/topology-seed.mjs";

const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 30_000);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 10);
const EXTRA_NETWORKS = Number(process.env.BENCH_NETWORKS ?? 3);
const FIPS = Math.min(Number(process.env.BENCH_FIPS ?? 2), SERVERS);
const SAMPLES = 5;
const SAMPLE_GAP_MS = 3_000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
// TEST-NET-1 on an empty bridge inside the host's namespace: a VXLAN endpoint that leads nowhere.
const TUNNEL_IP = "192.0.2.1";

if (typeof process.getuid === "function" && process.getuid() !== 0) {
  process.stdout.write(
    "Skipped: the network agent's linux driver needs root (namespaces, bridges, nftables, dnsmasq).\n",
  );
  process.exit(0);
}
const probe = probeNetworking();
if (!probe.ok) {
  process.stdout.write(`Skipped: this machine cannot change networking: ${probe.reason}\n`);
  process.exit(0);
}
register();
const { tapDeviceName } = await import("@zenith/agent-protocol/network");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hostNs = `zn-netmem-${randomBytes(3).toString("hex")}`;
const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-netmem-"));
/** Ids of this run's networks and routers: the agent names its qdhcp-/qrouter- namespaces after them. */
const cloudIds = new Set();
let stack;

/** The agent's own records of what it made (`<data>/network/<host>/l3/{dhcp,routers}/<id>`). */
function recordedIds() {
  const root = join(dataDir, "network");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((host) =>
    ["dhcp", "routers"].flatMap((kind) => {
      const dir = join(root, host, "l3", kind);
      return existsSync(dir) ? readdirSync(dir) : [];
    }),
  );
}

/** Namespaces of this run present now: the host's, its outside world, DHCP and routers of this cloud. */
function ourNamespaces() {
  const ids = new Set([...cloudIds, ...recordedIds()]);
  return namespaceNames().filter(
    (n) =>
      n === hostNs ||
      n.startsWith(`${hostNs}-`) ||
      (/^q(dhcp|router)-/.test(n) && ids.has(n.replace(/^q(dhcp|router)-/, ""))),
  );
}

/** Live processes whose command line names this run's data folder (dnsmasq: its pid file is there). */
function pidsMentioningDataDir() {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(dataDir)) pids.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

/** The stack while it starts: an interruption waits for it, then stops it (its services are not ours to find before). */
let starting;
let cleaning;
/** Stops the stack, then removes this run's namespaces, the processes in them and its files; once. */
function cleanup() {
  cleaning ??= (async () => {
    if (!stack && starting) stack = await starting.catch(() => undefined);
    if (stack) await stopServices(stack.children);
    // The agent leaves its dnsmasq running on purpose (guests keep their leases across restarts).
    removeNamespaces(ourNamespaces().sort((a, b) => (a === hostNs ? 1 : b === hostNs ? -1 : 0)));
    for (const pid of pidsMentioningDataDir()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

const rootBefore = rootNetworking();
/** Prints what of this run is still there (namespaces, processes, files, the machine's namespace) and returns it. */
function reportLeftovers() {
  const left = [
    ...ourNamespaces().map((n) => `namespace ${n}`),
    ...pidsMentioningDataDir().map((p) => `process ${p}`),
    ...(existsSync(dataDir) ? [`folder ${dataDir}`] : []),
    ...rootNetworkingAdded(rootBefore, rootNetworking()).map((x) => `machine's namespace: ${x}`),
  ];
  process.stdout.write(`\nLeft behind: ${left.length === 0 ? "nothing" : left.join(", ")}\n`);
  return left;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    interrupted = true;
    process.stdout.write(`\n${signal}: stopping and removing what this run made…\n`);
    void cleanup().finally(() => process.exit(reportLeftovers().length === 0 ? 130 : 1));
  });
}

// ── the cloud's API ─────────────────────────────────────────────────────

const tokens = {};
async function logIn(user) {
  const { token } = await login(stack.controlUrl, user, readPasswords(dataDir)[user], user);
  tokens[user] = token;
}

async function api(method, path, body, as = "admin") {
  const res = await fetch(`${stack.controlUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      "x-auth-token": tokens[as],
      "openstack-api-version": "compute 2.79",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** Every network resource of the cloud (admin sees all projects); remembers network and router ids. */
async function inventory() {
  const [networks, subnets, ports, routers, fips] = await Promise.all(
    ["networks", "subnets", "ports", "routers", "floatingips"].map((kind) =>
      api("GET", `/networking/v2.0/${kind}`).then((body) => body[kind]),
    ),
  );
  for (const x of [...networks, ...routers]) cloudIds.add(x.id);
  return { networks, subnets, ports, routers, fips };
}

async function until(what, check, lastState = () => "") {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${lastState()})`);
    await sleep(500);
  }
}

// ── what runs on the host ───────────────────────────────────────────────

const networkAgent = () => {
  const child = stack.children.find((c) => c.serviceName === "network");
  if (!child || child.exitCode !== null) throw new Error("the network agent is not running");
  return child;
};

/** dnsmasq processes serving this run's networks (in its DHCP namespaces). */
function dnsmasqPids() {
  return ourNamespaces()
    .filter((n) => n.startsWith("qdhcp-"))
    .flatMap(namespacePids);
}

/**
 * Waits until the agent wired everything the cloud asks of it: every port
 * ACTIVE (the agent reports a port wired only once its device, bridge and
 * rules are in place), a dnsmasq per DHCP network, a namespace per router.
 */
async function waitWired(what) {
  let last = "";
  return until(
    what,
    async () => {
      const inv = await inventory();
      // A floating IP's port only holds its address (Neutron's stay DOWN too): the router's NAT carries it.
      const notActive = inv.ports.filter(
        (p) => p.status !== "ACTIVE" && p.device_owner !== "network:floatingip",
      );
      const dhcpNetworks = new Set(inv.subnets.filter((s) => s.enable_dhcp).map((s) => s.network_id));
      const served = dnsmasqPids().length;
      const routerNs = ourNamespaces().filter((n) => n.startsWith("qrouter-")).length;
      last = `${notActive.length} of ${inv.ports.length} ports not ACTIVE (${notActive
        .slice(0, 3)
        .map((p) => `${p.device_owner}:${p.status}`)
        .join(
          ", ",
        )}), ${served} of ${dhcpNetworks.size} dnsmasq, ${routerNs} of ${inv.routers.length} router namespaces`;
      return notActive.length === 0 && served === dhcpNetworks.size && routerNs === inv.routers.length
        ? inv
        : undefined;
    },
    () => last,
  );
}

/**
 * One sample: the agent process alone, what runs beside it by kind (its
 * descendants, the processes in this run's namespaces, any process naming
 * the run's data folder: its dnsmasq daemons), and the whole stack.
 */
function sample() {
  const agent = networkAgent().pid;
  const beside = new Set([
    ...descendantsOf(agent),
    ...ourNamespaces().flatMap(namespacePids),
    ...pidsMentioningDataDir(),
  ]);
  beside.delete(agent);
  const kinds = pssByKind([...beside]);
  const agentMib = pssKib(agent) / 1024;
  const total = agentMib + kinds.reduce((sum, k) => sum + k.mib, 0);
  const services = pssRowsByService(stack.children);
  const stackMib =
    services.reduce((sum, r) => sum + r.mib, 0) +
    kinds.filter((k) => k.kind === "dnsmasq").reduce((sum, k) => sum + k.mib, 0);
  return { agentMib, kinds, total, stackMib };
}

/** Median sample by the agent's total (its rows add up to its total). */
async function measure() {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i > 0) await sleep(SAMPLE_GAP_MS);
    samples.push(sample());
  }
  const sorted = [...samples].sort((a, b) => a.total - b.total);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { ...median, min: sorted[0].total, max: sorted.at(-1).total };
}

function counts(inv) {
  const ns = ourNamespaces();
  return {
    networks: inv.networks.length,
    subnets: inv.subnets.length,
    ports: inv.ports.length,
    computePorts: inv.ports.filter((p) => String(p.device_owner).startsWith("compute:")).length,
    routers: inv.routers.length,
    fips: inv.fips.filter((f) => f.port_id).length,
    namespaces: ns.length,
    dnsmasq: dnsmasqPids().length,
    hostLinks: JSON.parse(
      spawnSync("ip", ["-n", hostNs, "-j", "link", "show"], { encoding: "utf8" }).stdout || "[]",
    ).length,
  };
}

function printPhase(label, m, c) {
  process.stdout.write(
    `\n${label}: ${c.networks} networks, ${c.subnets} subnets, ${c.ports} ports (${c.computePorts} of servers), ` +
      `${c.routers} router(s), ${c.fips} floating IPs; on the host ${c.namespaces} namespaces, ` +
      `${c.dnsmasq} dnsmasq, ${c.hostLinks} links in the host's namespace\n`,
  );
  process.stdout.write(`  ${"agent process (node)".padEnd(28)} ${m.agentMib.toFixed(1).padStart(7)} MiB\n`);
  for (const k of m.kinds) {
    process.stdout.write(`  ${`${k.kind} ×${k.count}`.padEnd(28)} ${k.mib.toFixed(1).padStart(7)} MiB\n`);
  }
  process.stdout.write(
    `  ${"total".padEnd(28)} ${m.total.toFixed(1).padStart(7)} MiB (samples ${m.min.toFixed(1)}–${m.max.toFixed(1)})\n` +
      `  ${"whole stack".padEnd(28)} ${m.stackMib.toFixed(0).padStart(7)} MiB\n`,
  );
}

// ── the run ─────────────────────────────────────────────────────────────

const loadStart = loadavg();
const phases = [];
let failure;
try {
  await ensureWebBuild();
  // Recorded for cleanup() before anything can fail.
  addNamespace(hostNs, ["link add ul0 type bridge", `addr add ${TUNNEL_IP}/24 dev ul0`, "link set ul0 up"]);
  const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
  const logFile = join(dataDir, "stack.log");
  process.stdout.write(
    `Starting the stack (1 fake compute host, network agent on the linux driver in ${hostNs})…\n`,
  );
  starting = startStack({
    dataDir,
    ports,
    quiet: true,
    logStream: createWriteStream(logFile),
    computeHosts: 1,
    networkDriver: "linux",
    networkNamespace: { netns: hostNs, tunnelIp: TUNNEL_IP },
  });
  stack = await starting;
  if (interrupted) throw new Error("interrupted");
  await Promise.all([logIn("admin"), logIn("demo")]);

  // 1. Idle: the bootstrap's networks, wired.
  await waitWired("the bootstrap's networks to be wired");
  await sleep(SETTLE_MS);
  const idle = await measure();
  const idleCounts = counts(await inventory());
  printPhase("idle", idle, idleCounts);
  phases.push({ label: "idle", m: idle, c: idleCounts });

  // 2. Loaded: more networks on router1, servers with a port each on private, floating IPs.
  const inv = await inventory();
  const byName = (name) => {
    const net = inv.networks.find((n) => n.name === name);
    if (!net) throw new Error(`no network ${name} (bootstrap)`);
    return net;
  };
  const privateNet = byName("private");
  const publicNet = byName("public");
  const router = inv.routers.find((r) => r.name === "router1");
  if (!router) throw new Error("no router1 (bootstrap)");
  for (let i = 0; i < EXTRA_NETWORKS; i++) {
    const { network } = await api(
      "POST",
      "/networking/v2.0/networks",
      { network: { name: `bench-net-${i}` } },
      "demo",
    );
    const { subnet } = await api(
      "POST",
      "/networking/v2.0/subnets",
      {
        subnet: { network_id: network.id, cidr: `10.77.${i}.0/24`, ip_version: 4, name: `bench-subnet-${i}` },
      },
      "demo",
    );
    await api(
      "PUT",
      `/networking/v2.0/routers/${router.id}/add_router_interface`,
      { subnet_id: subnet.id },
      "demo",
    );
  }
  const { images } = await api("GET", "/image/v2/images", undefined, "demo");
  const image = images[0];
  if (!image) throw new Error("no image to boot (the fake driver's starter image)");
  const { flavors } = await api("GET", "/compute/v2.1/flavors/detail", undefined, "demo");
  const flavor = [...flavors].sort((a, b) => a.ram - b.ram)[0];
  await api(
    "POST",
    "/compute/v2.1/servers",
    {
      server: {
        name: "bench-mem",
        imageRef: image.id,
        flavorRef: flavor.id,
        networks: [{ uuid: privateNet.id }],
        min_count: SERVERS,
        max_count: SERVERS,
      },
    },
    "demo",
  );
  // The taps QEMU would make for the servers' ports, in the host's namespace.
  const tapped = new Set();
  let lastServers = "";
  const servers = await until(
    `${SERVERS} servers ACTIVE`,
    async () => {
      const { ports: serverPorts } = await api("GET", `/networking/v2.0/ports?network_id=${privateNet.id}`);
      const fresh = serverPorts.filter(
        (p) => String(p.device_owner).startsWith("compute:") && !tapped.has(tapDeviceName(p.id)),
      );
      if (fresh.length > 0) {
        const batch = fresh.map((p) => `tuntap add dev ${tapDeviceName(p.id)} mode tap`).join("\n");
        const res = spawnSync("ip", ["-n", hostNs, "-batch", "-"], { input: `${batch}\n`, encoding: "utf8" });
        if (res.status !== 0) throw new Error(`making taps: ${res.stderr}`);
        for (const p of fresh) tapped.add(tapDeviceName(p.id));
      }
      const { servers: list } = await api("GET", "/compute/v2.1/servers/detail", undefined, "demo");
      const mine = list.filter((s) => s.name.startsWith("bench-mem"));
      const failed = mine.find((s) => s.status === "ERROR");
      if (failed) throw new Error(`server ${failed.id} ERROR: ${JSON.stringify(failed.fault)}`);
      lastServers = `${mine.filter((s) => s.status === "ACTIVE").length} of ${mine.length} ACTIVE, ${tapped.size} taps`;
      return mine.length === SERVERS && mine.every((s) => s.status === "ACTIVE") ? mine : undefined;
    },
    () => lastServers,
  );
  for (const server of servers.slice(0, FIPS)) {
    const { ports: serverPorts } = await api(
      "GET",
      `/networking/v2.0/ports?device_id=${server.id}`,
      undefined,
      "demo",
    );
    const port = serverPorts[0];
    if (!port) throw new Error(`server ${server.id} has no port`);
    await api(
      "POST",
      "/networking/v2.0/floatingips",
      { floatingip: { floating_network_id: publicNet.id, port_id: port.id } },
      "demo",
    );
  }
  const loadedInv = await waitWired("the load to be wired");
  // The floating IPs are really in router1's NAT (its nftables table, in its namespace).
  const fipAddresses = loadedInv.fips.filter((f) => f.port_id).map((f) => f.floating_ip_address);
  await until(`${fipAddresses.length} floating IPs in router1's NAT`, () => {
    const res = spawnSync(
      "ip",
      ["netns", "exec", `qrouter-${router.id}`, "nft", "list", "table", "ip", "zenith_router"],
      { encoding: "utf8" },
    );
    return fipAddresses.every((a) => (res.stdout ?? "").includes(a));
  });
  await sleep(SETTLE_MS);
  const loaded = await measure();
  const loadedCounts = counts(await inventory());
  printPhase("loaded", loaded, loadedCounts);
  phases.push({ label: "loaded", m: loaded, c: loadedCounts });
} catch (err) {
  failure = err;
  const log = join(dataDir, "stack.log");
  if (existsSync(log)) {
    // Warnings and errors only (pino levels 40 and up): the requests' lines would bury them.
    const worth = readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !/^\{"level":[1-3]\d,/.test(line));
    process.stderr.write(`Last warnings of the stack's log:\n${worth.slice(-40).join("\n")}\n`);
  }
} finally {
  await cleanup();
}
// An interruption reports and exits on its own (see the signal handlers).
if (interrupted) await new Promise(() => {});
const loadEnd = loadavg();

// Nothing of this run may be left: namespaces, processes, files, and nothing new in the machine's own namespace.
const leftovers = reportLeftovers();
if (failure) throw failure;
if (leftovers.length > 0) process.exit(1);

// ── the table in docs/benchmarks.md ─────────────────────────────────────

const [idle, loaded] = phases;
const kinds = [...new Set(phases.flatMap((p) => p.m.kinds.map((k) => k.kind)))];
const cell = (phase, kind) => {
  const k = phase.m.kinds.find((x) => x.kind === kind);
  return k ? `${k.mib.toFixed(1)} MiB (${k.count})` : "—";
};
const what = (c) =>
  `${c.networks} networks, ${c.subnets} subnets, ${c.ports} ports (${c.computePorts} of servers), ${c.routers} router, ${c.fips} floating IPs; ${c.namespaces} namespaces, ${c.dnsmasq} dnsmasq, ${c.hostLinks} links on the host`;
const load = (l) => l.map((v) => v.toFixed(2)).join(", ");
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the stack as \`startStack\` runs it on PGlite, 1 fake compute host, its network agent on the linux driver in a throwaway namespace; ${SETTLE_MS / 1000} s of settling, then the median of ${SAMPLES} samples ${SAMPLE_GAP_MS / 1000} s apart. Load average of the machine (1, 5, 15 min; shared with other work) ${load(loadStart)} at the start, ${load(loadEnd)} at the end.`,
  "",
  "| network agent, linux driver (PSS) | idle | loaded |",
  "|---|---:|---:|",
  `| what it wires | ${what(idle.c)} | ${what(loaded.c)} |`,
  `| agent process (node) | ${idle.m.agentMib.toFixed(1)} MiB | ${loaded.m.agentMib.toFixed(1)} MiB |`,
  ...kinds.map((k) => `| ${k} (processes) | ${cell(idle, k)} | ${cell(loaded, k)} |`),
  `| **total** (samples' range) | **${idle.m.total.toFixed(1)} MiB** (${idle.m.min.toFixed(1)}–${idle.m.max.toFixed(1)}) | **${loaded.m.total.toFixed(1)} MiB** (${loaded.m.min.toFixed(1)}–${loaded.m.max.toFixed(1)}) |`,
].join("\n");
process.stdout.write(`\n${table}\n`);

if (writeDocSection("network-memory", table))
  process.stdout.write("Wrote the table into docs/benchmarks.md\n");
