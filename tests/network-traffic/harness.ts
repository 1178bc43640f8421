/**
 * The whole Zenith stack on real Linux networking, contained in network
 * namespaces this suite creates (names carry a per-run suffix; other
 * engineers run similar suites on the same kernel at the same time):
 *
 * - the control plane: a child process (`apps/control/src/main.ts`, PGlite
 *   on disk) in the machine's own namespace, bound to 127.0.0.1:<port>, so
 *   the suite can `kill -9` and restart it on the same port and database;
 * - per "host" a namespace `zt-h<n>-<suffix>`: the compute agent (qemu
 *   driver, TCG) runs inside it (`ip netns exec`), so QEMU's taps are made
 *   there; the network agent runs beside the suite and wires that namespace
 *   (ZENITH_NETWORK_NETNS), its outside world a namespace of its own;
 * - how a host namespace reaches the control plane: no route or address is
 *   added to the machine's namespace. A unix socket (file systems are shared
 *   across network namespaces) relays to the control plane's loopback port,
 *   and inside each host namespace `socat` listens on 127.0.0.1:<same port>
 *   and forwards to that socket, so every agent dials the same URL the
 *   suite uses, console WebSockets included;
 * - hosts are joined by an underlay: a veth pair between host namespaces,
 *   tunnel addresses from 198.18.0.0/15 (benchmarking, never routed).
 *
 * Everything is removed in `close()` even after a failure: processes
 * (agents, QEMU of this run's guests, socat, dnsmasq in the namespaces the
 * agents made for this run's networks and routers), then the namespaces
 * (their devices and nftables tables go with them), then the temp folder.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer as createNetServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, tryRun } from "@zenith/network-agent/linux/exec";
import { type PollOptions, poll as pollUntil } from "@zenith/testkit/wait-for";
import WebSocket from "ws";

export { run, tryRun };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const ADMIN_PASSWORD = "traffic-admin-pw";
const DEMO_PASSWORD = "traffic-demo-pw";
const TINY_DIR = join(ROOT, ".cache", "zenith-tiny");

const started = Date.now();
/** With ZENITH_TRAFFIC_TRACE=1, prints what the suite does and when. */
export function trace(message: string): void {
  if (process.env.ZENITH_TRAFFIC_TRACE === "1") {
    process.stderr.write(`[network-traffic +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  }
}

/** What this machine lacks to run the suite (empty: everything is here). */
export function missingParts(): string[] {
  const missing: string[] = [];
  for (const bin of ["qemu-system-x86_64", "qemu-img", "ip", "nft", "dnsmasq", "busybox", "socat"]) {
    if (spawnSync("sh", ["-c", `command -v ${bin}`]).status !== 0) missing.push(bin);
  }
  if (process.getuid?.() !== 0) missing.push("root");
  try {
    accessSync("/dev/net/tun", constants.R_OK | constants.W_OK);
  } catch {
    missing.push("/dev/net/tun");
  }
  if (missing.length === 0) {
    const probe = `zt-probe-${randomBytes(4).toString("hex")}`;
    if (spawnSync("ip", ["netns", "add", probe]).status !== 0) missing.push("network namespaces");
    else spawnSync("ip", ["netns", "del", probe]);
  }
  if (missing.length > 0 && process.env.ZENITH_REQUIRE_QEMU === "1") {
    throw new Error(`ZENITH_REQUIRE_QEMU=1 but this machine lacks: ${missing.join(", ")}`);
  }
  return missing;
}

/** `poll` with this suite's pace: real guests on a shared machine (the timeout is a safety net only). */
export function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  opts: PollOptions = {},
): Promise<Exclude<T, false>> {
  return pollUntil(what, probe, { timeoutMs: 120_000, intervalMs: 500, ...opts });
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

async function kill9(child: ChildProcess | undefined): Promise<void> {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited(child);
}

/** Pids of live processes whose command line contains `text` (never this process). */
function pidsMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text)) pids.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

export class Stack {
  readonly suffix = randomBytes(3).toString("hex");
  readonly root = join(tmpdir(), `zt-traffic-${process.pid}-${Date.now().toString(36)}`);
  readonly controlDir = join(this.root, "control");
  port = 0;
  private control: ChildProcess | undefined;
  private relay: Server | undefined;
  private readonly relayPath = join(this.root, "control.sock");
  private readonly namespaces: string[] = [];
  private readonly helpers: ChildProcess[] = [];
  readonly hosts: Host[] = [];
  private readonly tokens = new Map<string, string>();
  /** Ids of networks and routers seen, for the agents' namespaces (qdhcp-/qrouter-<id>) at the cleanup. */
  private readonly ids = new Set<string>();
  imageId = "";
  output = "";

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    // zenith-tiny, built once (a no-op when current); the control plane registers it at start.
    await run([join(ROOT, "scripts/tiny-image/build.sh"), TINY_DIR], { timeoutMs: 600_000 });
    this.port = await freePort();
    // The unix socket every host namespace's socat forwards to.
    this.relay = createNetServer((socket) => {
      const upstream = createConnection(this.port, "127.0.0.1");
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    const relay = this.relay;
    await new Promise<void>((done) => relay.listen(this.relayPath, done));
    await this.startControl();
    const images = await this.api("GET", "/image/v2/images?name=zenith-tiny");
    const image = (images.body.images as Array<{ id: string }> | undefined)?.[0];
    if (!image) throw new Error(`zenith-tiny is not registered: ${images.text}`);
    this.imageId = image.id;
  }

  /** Starts (or restarts, on the same port and database) the control plane and waits until it answers. */
  async startControl(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(ROOT, "apps/control"),
      env: {
        ...process.env,
        ZENITH_DATA_DIR: this.controlDir,
        ZENITH_CONTROL_HOST: "127.0.0.1",
        ZENITH_CONTROL_PORT: String(this.port),
        ZENITH_PUBLIC_URL: this.url,
        ZENITH_ADMIN_PASSWORD: ADMIN_PASSWORD,
        ZENITH_DEMO_PASSWORD: DEMO_PASSWORD,
        ZENITH_SEED_STARTER_IMAGE: "false",
        ZENITH_TINY_IMAGE_DIR: TINY_DIR,
        ZENITH_VIF_PLUG_TIMEOUT: "180",
        DATABASE_URL: "",
        LOG_LEVEL: process.env.ZENITH_TRAFFIC_LOG ?? "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.control = child;
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
      process.stderr.write(chunk);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.tokens.clear();
    await poll(
      "the control plane to answer",
      async () => {
        if (child.exitCode !== null) throw new Error(`the control plane exited (${child.exitCode})`);
        return fetch(`${this.url}/identity/v3`).then(
          (r) => r.ok,
          () => false,
        );
      },
      { timeoutMs: 120_000 },
    );
    trace(`control plane up at ${this.url}`);
  }

  async kill9Control(): Promise<void> {
    await kill9(this.control);
    trace("control plane killed");
  }

  /** A namespace of this run, removed by close(). */
  async addNamespace(role: string): Promise<string> {
    const name = `zt-${role}-${this.suffix}`;
    await run(["ip", "netns", "add", name]);
    this.namespaces.push(name);
    await run(["ip", "link", "set", "lo", "up"], { netns: name });
    return name;
  }

  /** A long-running helper process (socat, a test server), killed by close(). */
  spawnHelper(argv: string[]): ChildProcess {
    const [file, ...args] = argv;
    if (!file) throw new Error("empty command");
    const child = spawn(file, args, { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    this.helpers.push(child);
    return child;
  }

  /** Makes the control plane's port answer on 127.0.0.1 inside `netns` (see the file's comment). */
  async exposeControlIn(netns: string): Promise<void> {
    this.spawnHelper([
      "ip",
      "netns",
      "exec",
      netns,
      "socat",
      `TCP-LISTEN:${this.port},bind=127.0.0.1,reuseaddr,fork`,
      `UNIX-CONNECT:${this.relayPath}`,
    ]);
    await poll(`the control plane to answer inside ${netns}`, () =>
      tryRun(["busybox", "wget", "-q", "-O", "/dev/null", `${this.url}/identity/v3`], {
        netns,
        timeoutMs: 10_000,
      }),
    );
  }

  async token(project: "admin" | "demo"): Promise<string> {
    const known = this.tokens.get(project);
    if (known) return known;
    const res = await fetch(`${this.url}/identity/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: {
              user: {
                name: project,
                domain: { id: "default" },
                password: project === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD,
              },
            },
          },
          scope: { project: { name: project, domain: { id: "default" } } },
        },
      }),
    });
    const token = res.headers.get("x-subject-token");
    if (res.status !== 201 || !token) throw new Error(`login ${project}: ${res.status} ${await res.text()}`);
    this.tokens.set(project, token);
    return token;
  }

  /** A call as `as` (default admin); paths start with /compute/v2.1, /networking/v2.0, /image/v2 or /identity/v3. */
  async api(
    method: string,
    path: string,
    body?: unknown,
    as: "admin" | "demo" = "admin",
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-auth-token": await this.token(as),
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    for (const m of text.matchAll(/"id":\s*"([0-9a-f-]{36})"/g)) if (m[1]) this.ids.add(m[1]);
    return { status: res.status, body: parsed, text };
  }

  /** Like api() but throws unless the status is `expect`; returns the body. */
  async ok(
    method: string,
    path: string,
    body: unknown,
    expect: number,
    as: "admin" | "demo" = "admin",
  ): Promise<Record<string, unknown>> {
    const res = await this.api(method, path, body, as);
    if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Namespaces of this run still present (after `close()`: none may be). */
  leftovers(): string[] {
    const listed = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "";
    return listed
      .split("\n")
      .map((l) => l.split(" ")[0] ?? "")
      .filter(
        (n) =>
          n.includes(`-${this.suffix}`) ||
          (/^q(dhcp|router)-/.test(n) && this.ids.has(n.replace(/^q(dhcp|router)-/, ""))),
      );
  }

  async close(): Promise<void> {
    // Every network and router of the cloud (the default ones too: the agents made namespaces for them).
    for (const path of ["/networking/v2.0/networks", "/networking/v2.0/routers"]) {
      await this.api("GET", path).catch(() => undefined);
    }
    for (const host of this.hosts) await host.stop();
    await kill9(this.control);
    for (const helper of this.helpers) await kill9(helper);
    // QEMU of this run's guests: their command lines name files under this run's folder.
    for (const pid of pidsMentioning(this.root)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
    const listed = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "";
    const agentMade = listed
      .split("\n")
      .map((l) => l.split(" ")[0] ?? "")
      .filter(
        (n) =>
          (/^q(dhcp|router)-/.test(n) && this.ids.has(n.replace(/^q(dhcp|router)-/, ""))) ||
          // What the agents derive from a host's namespace (its outside world, `<ns>-outside`).
          (n.startsWith("zt-") && n.includes(`-${this.suffix}-`)),
      );
    for (const ns of new Set([...agentMade, ...this.namespaces.reverse()])) {
      const pids = (spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).stdout ?? "")
        .split("\n")
        .filter((p) => /^\d+$/.test(p));
      for (const pid of pids) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // Gone.
        }
      }
      spawnSync("ip", ["netns", "del", ns]);
    }
    await new Promise<void>((done) => (this.relay ? this.relay.close(() => done()) : done()));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * One host of the cloud: its namespace, its compute agent inside it and its
 * network agent wiring it, sharing one data folder (one host credential).
 */
export class Host {
  readonly name: string;
  readonly ns: string;
  readonly zone: string;
  readonly outsideNs: string;
  readonly dataDir: string;
  compute: ChildProcess | undefined;
  network: ChildProcess | undefined;
  output = "";

  constructor(
    private readonly stack: Stack,
    readonly label: string,
    ns: string,
    readonly tunnelIp: string,
  ) {
    this.name = `zt-${label}-${stack.suffix}`;
    this.ns = ns;
    this.zone = `zone-${label}-${stack.suffix}`;
    // The network agent names a simulated host's outside world after its namespace.
    this.outsideNs = `${ns}-outside`;
    this.dataDir = join(stack.root, `host-${label}`);
    stack.hosts.push(this);
  }

  private keep(child: ChildProcess): void {
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
      process.stderr.write(chunk);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  private get agentEnv(): Record<string, string | undefined> {
    return {
      ...process.env,
      ZENITH_CONTROL_URL: this.stack.url,
      ZENITH_AGENT_JOIN_TOKEN_FILE: join(this.stack.controlDir, "agent-join-token"),
      ZENITH_DATA_DIR: this.dataDir,
      LOG_LEVEL: process.env.ZENITH_TRAFFIC_LOG ?? "warn",
      // Case 7 reads the traffic counters back through the metric API: sample every 2 s, not 10 s.
      ZENITH_METERING_INTERVAL_MS: "2000",
    };
  }

  /** The compute agent inside the host's namespace (QEMU's taps are made there). */
  startCompute(): void {
    const child = spawn(
      "ip",
      ["netns", "exec", this.ns, process.execPath, "--import", "tsx", "src/main.ts"],
      {
        cwd: join(ROOT, "apps/compute-agent"),
        env: {
          ...this.agentEnv,
          ZENITH_COMPUTE_HOST: this.name,
          ZENITH_COMPUTE_AGENTS: "1",
          ZENITH_COMPUTE_DRIVER: "qemu",
          ZENITH_AVAILABILITY_ZONE: this.zone,
          ZENITH_QEMU_ACCEL: process.env.ZENITH_QEMU_ACCEL ?? "tcg",
          ZENITH_HOST_IP: this.tunnelIp,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.keep(child);
    this.compute = child;
  }

  /** The network agent, linux driver, wiring the host's namespace; its outside world `<ns>-outside`. */
  startNetwork(): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(ROOT, "apps/network-agent"),
      env: {
        ...this.agentEnv,
        ZENITH_NETWORK_HOST: this.name,
        ZENITH_NETWORK_AGENTS: "1",
        ZENITH_NETWORK_DRIVER: "linux",
        ZENITH_NETWORK_NETNS: this.ns,
        ZENITH_TUNNEL_IP: this.tunnelIp,
        ZENITH_NETWORK_RESYNC_S: "3",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.keep(child);
    this.network = child;
    return child;
  }

  async kill9Network(): Promise<void> {
    await kill9(this.network);
    trace(`${this.name}: network agent killed`);
  }

  /** Both agents up: the hypervisor listed up and the network agent alive. */
  async startAndWaitUp(): Promise<void> {
    this.startCompute();
    await poll(`hypervisor ${this.name} to be up`, async () => {
      if (this.compute?.exitCode !== null && this.compute?.exitCode !== undefined)
        throw new Error(`compute agent of ${this.name} exited`);
      const res = await this.stack.api("GET", "/compute/v2.1/os-hypervisors/detail");
      const list = (res.body.hypervisors as Array<Record<string, unknown>> | undefined) ?? [];
      return list.some((h) => h.hypervisor_hostname === this.name && h.state === "up");
    });
    // After the compute agent enrolled: the network agent presents the same host credential.
    this.startNetwork();
    await poll(`network agent of ${this.name} to be alive`, async () => {
      if (this.network?.exitCode !== null && this.network?.exitCode !== undefined)
        throw new Error(`network agent of ${this.name} exited`);
      const res = await this.stack.api("GET", "/networking/v2.0/agents");
      const list = (res.body.agents as Array<Record<string, unknown>> | undefined) ?? [];
      return list.some((a) => a.host === this.name && a.alive === true);
    });
    trace(`${this.name}: agents up`);
  }

  async stop(): Promise<void> {
    await kill9(this.network);
    // `ip netns exec` execs node in place: this is the compute agent's own pid.
    await kill9(this.compute);
  }
}

// ── servers, ports, consoles ────────────────────────────────────────────

export async function createServer(
  stack: Stack,
  host: Host,
  name: string,
  networkId: string,
  as: "admin" | "demo" = "admin",
  extra: Record<string, unknown> = {},
): Promise<string> {
  const body = await stack.ok(
    "POST",
    "/compute/v2.1/servers",
    {
      server: {
        name,
        imageRef: stack.imageId,
        flavorRef: "1",
        availability_zone: host.zone,
        networks: [{ uuid: networkId }],
        ...extra,
      },
    },
    202,
    as,
  );
  const id = String((body.server as { id: string }).id);
  trace(`${host.name}: created ${name} ${id}`);
  return id;
}

/** Adds an ICMP ingress rule from anywhere to `groupId` as `as`; returns the rule's id. */
export async function allowIcmp(
  stack: Stack,
  groupId: string,
  as: "admin" | "demo" = "admin",
): Promise<string> {
  const body = await stack.ok(
    "POST",
    "/networking/v2.0/security-group-rules",
    {
      security_group_rule: {
        security_group_id: groupId,
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "icmp",
        remote_ip_prefix: "0.0.0.0/0",
      },
    },
    201,
    as,
  );
  return (body.security_group_rule as { id: string }).id;
}

export async function waitActive(stack: Stack, id: string, as: "admin" | "demo" = "admin"): Promise<void> {
  let last = "";
  await poll(
    `server ${id} ACTIVE`,
    async () => {
      const res = await stack.api("GET", `/compute/v2.1/servers/${id}`, undefined, as);
      const s = res.body.server as Record<string, unknown> | undefined;
      last = `${s?.status} ${JSON.stringify(s?.fault ?? null)}`;
      if (s?.status === "ERROR") throw new Error(`server ${id} ERROR: ${res.text}`);
      return s?.status === "ACTIVE";
    },
    { timeoutMs: 200_000, last: () => last },
  );
}

/** The server's one port (id, fixed IPv4 address, status). */
export async function portOf(
  stack: Stack,
  serverId: string,
): Promise<{ id: string; ip: string; status: string; networkId: string }> {
  const body = await stack.ok("GET", `/networking/v2.0/ports?device_id=${serverId}`, undefined, 200);
  const ports = body.ports as Array<Record<string, unknown>>;
  const p = ports[0];
  if (!p || ports.length !== 1) throw new Error(`expected one port on ${serverId}: ${JSON.stringify(ports)}`);
  const fixed = (p.fixed_ips as Array<{ ip_address: string }>)[0];
  return {
    id: String(p.id),
    ip: fixed?.ip_address ?? "",
    status: String(p.status),
    networkId: String(p.network_id),
  };
}

export async function consoleLog(stack: Stack, id: string, as: "admin" | "demo" = "admin"): Promise<string> {
  const res = await stack.api(
    "POST",
    `/compute/v2.1/servers/${id}/action`,
    { "os-getConsoleOutput": {} },
    as,
  );
  return res.status === 200 ? String(res.body.output ?? "") : "";
}

/** Waits for `pattern` on the console log (through the API and the agent). */
export async function waitConsole(
  stack: Stack,
  id: string,
  pattern: RegExp,
  as: "admin" | "demo" = "admin",
  timeoutMs = 180_000,
): Promise<string> {
  let last = "";
  return poll(
    `${pattern} on the console of ${id}`,
    async () => {
      last = await consoleLog(stack, id, as);
      return pattern.test(last) ? last : undefined;
    },
    { timeoutMs, intervalMs: 1000, last: () => last.slice(-600) },
  );
}

/**
 * Runs `command` in the guest's shell through its serial console
 * (os-getSerialConsole → the control plane's proxy → the agent → QEMU) and
 * resolves with what it printed up to `done-<exit status>`.
 */
export async function inGuest(
  stack: Stack,
  id: string,
  command: string,
  as: "admin" | "demo" = "admin",
  timeoutMs = 90_000,
): Promise<{ output: string; status: number }> {
  const res = await stack.api(
    "POST",
    `/compute/v2.1/servers/${id}/action`,
    { "os-getSerialConsole": { type: "serial" } },
    as,
  );
  if (res.status !== 200) throw new Error(`os-getSerialConsole: ${res.status} ${res.text}`);
  const url = String((res.body.console as { url: string }).url);
  const marker = randomBytes(3).toString("hex");
  const until = new RegExp(`done-${marker}-(\\d+)`);
  return new Promise((done, fail) => {
    const ws = new WebSocket(url);
    let seen = "";
    let typed = false;
    const finish = (err?: Error) => {
      clearTimeout(timer);
      clearInterval(poke);
      ws.close();
      if (err) fail(err);
      else {
        const m = until.exec(seen);
        done({ output: seen, status: Number(m?.[1] ?? -1) });
      }
    };
    const timer = setTimeout(() => {
      ws.terminate();
      finish(
        new Error(
          `console of ${id}: no end of ${JSON.stringify(command)}; got ${JSON.stringify(seen.slice(-600))}`,
        ),
      );
    }, timeoutMs);
    const poke = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN && !typed) ws.send("\r");
    }, 1000);
    ws.once("open", () => ws.send("\r"));
    ws.on("message", (data) => {
      seen += Buffer.from(data as Buffer).toString("latin1");
      const tail = seen.endsWith("\u001b[6n") ? seen.slice(0, -4) : seen;
      if (!typed && tail.endsWith("# ")) {
        typed = true;
        seen = "";
        // The marker is split so the echoed command line does not match it.
        ws.send(`${command}; echo "done-${marker}""-$?"\r`);
      }
      if (typed && until.test(seen)) finish();
    });
    ws.once("error", (err) => finish(err));
  });
}

/** `ping -c N -W 1` from the guest; true when every reply came back. */
export async function guestPings(stack: Stack, id: string, address: string, count = 3): Promise<boolean> {
  const { output } = await inGuest(stack, id, `ping -c ${count} -W 1 ${address}`);
  return new RegExp(`${count} packets transmitted, ${count} packets received`).test(output);
}

/** Tries `attempts` bounded ping runs (ARP and flooding entries settle after a change). */
export async function guestEventuallyPings(
  stack: Stack,
  id: string,
  address: string,
  attempts = 5,
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const { output } = await inGuest(stack, id, `ping -c 2 -W 1 ${address}`);
    if (/ [12] packets received/.test(output)) return true;
  }
  return false;
}

/**
 * The largest value of a cumulative counter as the metric API stores it
 * (Gnocchi's measures, 10 s buckets), or 0 while it has none: the counter's
 * newest reading, since cumulative counters only grow.
 */
export async function meteredMax(
  stack: Stack,
  resourceType: string,
  resourceId: string,
  metric: string,
  as: "admin" | "demo" = "admin",
): Promise<number> {
  const res = await stack.api(
    "GET",
    `/metric/v1/resource/${resourceType}/${resourceId}/metric/${metric}/measures?granularity=10&aggregation=max`,
    undefined,
    as,
  );
  if (res.status === 404) return 0;
  if (res.status !== 200)
    throw new Error(`measures of ${metric} of ${resourceType} ${resourceId}: ${res.status} ${res.text}`);
  const rows = JSON.parse(res.text) as Array<[string, number, number]>;
  return Math.max(0, ...rows.map(([, , v]) => v));
}

/** The id of a guest's network interface resource (Gnocchi's uuid5 of `<server id>-<tap>`), by search. */
export async function interfaceResourceOf(stack: Stack, serverId: string): Promise<string | undefined> {
  const res = await stack.api("POST", "/metric/v1/search/resource/instance_network_interface", {
    "=": { instance_id: serverId },
  });
  if (res.status !== 200) throw new Error(`search of ${serverId}'s interfaces: ${res.status} ${res.text}`);
  const rows = JSON.parse(res.text) as Array<{ id: string }>;
  return rows[0]?.id;
}
