/**
 * What the crash-safety scenarios share: a control plane in this process
 * whose database survives its restarts (`Cloud`), the real compute agent
 * on the qemu driver as a child process the tests kill with SIGKILL
 * (`AgentHost`: its own host name, availability zone and data folder), two
 * ways to park an agent at a precise point (`QemuShim` before/after a
 * guest's QEMU starts, `ControlProxy` in an image download or with the
 * control plane's messages held), and what the machine really holds for a
 * guest (processes, instance folder, unix sockets).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Transform } from "node:stream";
import { fileURLToPath } from "node:url";
import { type RunningControl, startControl } from "@zenith/control/server";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { poll } from "@zenith/testkit/wait-for";
import WebSocket from "ws";
import { qemuAvailable as qemuInstalled, tinyImageDir } from "../openstack-cli/tiny-image.ts";

export { poll };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const ADMIN_PASSWORD = "crash-safety-admin-pw";

/** True when QEMU is installed; prints why not and returns false, or throws when ZENITH_REQUIRE_QEMU=1. */
export function qemuAvailable(): boolean {
  return qemuInstalled();
}

const started = Date.now();

/** With ZENITH_CRASH_TRACE=1, prints what the suite does and when (seconds since it started). */
export function trace(message: string): void {
  if (process.env.ZENITH_CRASH_TRACE === "1") {
    process.stderr.write(`[crash-safety +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  }
}

/** A fresh folder under the system temp dir. */
export function tempRoot(label: string): string {
  const dir = join(tmpdir(), `zcs-${label}-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ── the control plane ───────────────────────────────────────────────────

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/**
 * The control plane, in this process, restartable: its database is PGlite
 * on disk in its data folder (or a database of its own on the PostgreSQL
 * test server when ZENITH_TEST_PG_URL is set), and a restart binds the same
 * port, so agents redial the same URL.
 */
export class Cloud {
  readonly dataDir: string;
  imageId = "";
  private running: RunningControl | undefined;
  private port = 0;
  private token = "";
  private database: { url: string; drop(): Promise<void> } | undefined;

  constructor(root: string) {
    this.dataDir = join(root, "control");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const pg = testPgUrl();
    if (pg && !this.database) this.database = await createTestDatabase(pg, "crash_safety");
    this.running = await startControl({
      port: this.port,
      host: "127.0.0.1",
      ...(this.port === 0 ? {} : { publicUrl: this.url }),
      // No URL means PGlite on disk under `<dataDir>/pg`.
      databaseUrl: this.database?.url ?? "",
      dataDir: this.dataDir,
      adminPassword: ADMIN_PASSWORD,
      demoPassword: "crash-safety-demo-pw",
      logLevel: process.env.ZENITH_CRASH_CONTROL_LOG ?? "silent",
      tinyImageDir: tinyImageDir(),
      seedStarterImage: false,
      scrypt: { logN: 4, r: 1, p: 1 },
      // No network agent runs here: a cloud without networks (guests boot with none), and builds
      // do not wait for ports to be wired (Nova's vif_plugging_timeout = 0).
      defaultNetworking: false,
      vifPlugTimeoutS: 0,
    });
    this.port = Number(new URL(this.running.url).port);
    this.token = await login(this.url);
    const images = await this.api("GET", "/image/v2/images?name=zenith-tiny");
    const image = (images.body.images as Array<{ id: string }> | undefined)?.[0];
    if (!image) throw new Error(`zenith-tiny is not registered: ${images.text}`);
    this.imageId = image.id;
  }

  /** A clean stop (in-flight requests finish, the database closes); agents lose their connection. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.close();
  }

  async close(): Promise<void> {
    await this.stop().catch(() => {});
    await this.database?.drop().catch(() => {});
  }

  /** Paths not under /image or /identity are under /compute/v2.1. */
  async api(method: string, path: string, body?: unknown, microversion?: string): Promise<ApiResponse> {
    const full = /^\/(image|identity)\//.test(path) ? path : `/compute/v2.1${path}`;
    const headers: Record<string, string> = { accept: "application/json", "x-auth-token": this.token };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (microversion) headers["openstack-api-version"] = `compute ${microversion}`;
    const res = await fetch(`${this.url}${full}`, {
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
    return { status: res.status, body: parsed, text };
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/identity/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { id: "default" }, password: ADMIN_PASSWORD } },
        },
        scope: { project: { name: "admin", domain: { id: "default" } } },
      },
    }),
  });
  const token = res.headers.get("x-subject-token");
  if (res.status !== 201 || !token) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return token;
}

export interface ServerView {
  id: string;
  status: string;
  taskState: string | null;
  vmState: string;
  powerState: number;
  host: string | null;
  fault: unknown;
}

/** GET /servers/{id}; undefined once it is gone (404). */
export async function showServer(cloud: Cloud, id: string): Promise<ServerView | undefined> {
  const res = await cloud.api("GET", `/servers/${id}`);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET /servers/${id}: ${res.status} ${res.text}`);
  const s = res.body.server as Record<string, unknown>;
  return {
    id: String(s.id),
    status: String(s.status),
    taskState: (s["OS-EXT-STS:task_state"] as string | null) ?? null,
    vmState: String(s["OS-EXT-STS:vm_state"]),
    powerState: Number(s["OS-EXT-STS:power_state"]),
    host: (s["OS-EXT-SRV-ATTR:host"] as string | null) ?? null,
    fault: s.fault,
  };
}

export async function serverAction(cloud: Cloud, id: string, action: Record<string, unknown>): Promise<void> {
  const res = await cloud.api("POST", `/servers/${id}/action`, action);
  if (res.status !== 202) throw new Error(`action ${Object.keys(action)[0]}: ${res.status} ${res.text}`);
}

/** Waits until the server has no task and `settled(view)` holds; on a timeout the error shows the last view. */
export async function waitForServer(
  cloud: Cloud,
  id: string,
  settled: (s: ServerView) => boolean,
  timeoutMs = 120_000,
): Promise<ServerView> {
  let last: ServerView | undefined;
  return poll(
    `server ${id} to settle`,
    async () => {
      last = await showServer(cloud, id);
      return last && last.taskState === null && settled(last) ? last : undefined;
    },
    { timeoutMs, intervalMs: 300, last: () => last },
  );
}

/** Waits for a 404 on the server (its delete completed). */
export async function waitForGone(cloud: Cloud, id: string, timeoutMs = 120_000): Promise<void> {
  let last: ServerView | undefined;
  await poll(
    `server ${id} to be deleted`,
    async () => {
      last = await showServer(cloud, id);
      return last === undefined;
    },
    { timeoutMs, intervalMs: 300, last: () => last },
  );
}

/** The console log through the API (an rpc to the host's agent). */
export async function consoleLog(cloud: Cloud, id: string): Promise<string> {
  const res = await cloud.api("POST", `/servers/${id}/action`, { "os-getConsoleOutput": {} });
  if (res.status !== 200) throw new Error(`os-getConsoleOutput: ${res.status} ${res.text}`);
  return String(res.body.output ?? "");
}

/** The console log shows "zenith-tiny ready": the guest's shell and power button handler run. */
export async function waitForGuestReady(cloud: Cloud, id: string): Promise<void> {
  await poll(
    `guest ${id} to print "zenith-tiny ready"`,
    async () => (await consoleLog(cloud, id).catch(() => "")).includes("zenith-tiny ready"),
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

/** The events of the server's latest `action` (create, stop, reboot…). */
export async function lastActionEvents(
  cloud: Cloud,
  id: string,
  action: string,
): Promise<Array<{ event: string; result: string | null; finished: boolean }>> {
  const list = await cloud.api("GET", `/servers/${id}/os-instance-actions`);
  const actions =
    (list.body.instanceActions as Array<{ action: string; request_id: string; start_time: string }>) ?? [];
  const latest = actions
    .filter((a) => a.action === action)
    .sort((a, b) => Date.parse(b.start_time) - Date.parse(a.start_time))
    .at(0);
  if (!latest) throw new Error(`no ${action} action for ${id}: ${list.text}`);
  const shown = await cloud.api("GET", `/servers/${id}/os-instance-actions/${latest.request_id}`);
  const events = (shown.body.instanceAction as { events?: Array<Record<string, unknown>> }).events ?? [];
  return events.map((e) => ({
    event: String(e.event),
    result: (e.result as string | null) ?? null,
    finished: e.finish_time !== null && e.finish_time !== undefined,
  }));
}

// ── a compute host: the real agent as a child process ──────────────────

export interface PersistedRecord {
  desired: { generation: number; power: string; rebootSeq: number } | null;
  applied: { generation: number; rebootSeq: number };
}

export interface AgentProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<void>;
}

/**
 * One compute host of the cloud: the real agent (`apps/compute-agent`, qemu
 * driver) in its own process, with its own host name, data folder and
 * availability zone (so servers created here land on this host only).
 * Run as `node --import tsx`, not through the tsx CLI: the CLI runs the
 * program in a second process, which a SIGKILL of the CLI would leave alive.
 */
export class AgentHost {
  readonly host: string;
  readonly zone: string;
  readonly dataDir: string;
  readonly shim: QemuShim;
  /** Every server created on this host, for the cleanup. */
  readonly uuids = new Set<string>();
  agent: AgentProcess | undefined;
  /** Everything this host's agents have logged (level ZENITH_CRASH_LOG, default error). */
  output = "";

  constructor(
    private readonly cloud: Cloud,
    label: string,
    root: string,
    /** The URL the agent dials; default the control plane itself (a `ControlProxy` goes in between). */
    private readonly controlUrl: () => string = () => cloud.url,
  ) {
    this.host = `cs-${label}-${process.pid}`;
    this.zone = `zone-${label}`;
    this.dataDir = join(root, `agent-${label}`);
    this.shim = new QemuShim(join(root, `shim-${label}`));
  }

  start(): AgentProcess {
    if (this.agent && this.agent.child.exitCode === null && this.agent.child.signalCode === null) {
      throw new Error(`the agent of ${this.host} is still running`);
    }
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(ROOT, "apps/compute-agent"),
      env: {
        ...process.env,
        PATH: `${this.shim.binDir}:${process.env.PATH ?? ""}`,
        ZENITH_CONTROL_URL: this.controlUrl(),
        // Enrols once with the join token the control plane keeps in its data folder, then uses its stored credential.
        ZENITH_AGENT_JOIN_TOKEN_FILE: join(this.cloud.dataDir, "agent-join-token"),
        ZENITH_DATA_DIR: this.dataDir,
        ZENITH_COMPUTE_HOST: this.host,
        ZENITH_COMPUTE_AGENTS: "1",
        ZENITH_COMPUTE_DRIVER: "qemu",
        ZENITH_AVAILABILITY_ZONE: this.zone,
        // "auto" boots a KVM probe guest at every agent start (5 s where /dev/kvm does not work).
        ZENITH_QEMU_ACCEL: process.env.ZENITH_QEMU_ACCEL ?? "tcg",
        ZENITH_HOST_IP: "127.0.0.1",
        LOG_LEVEL: process.env.ZENITH_CRASH_LOG ?? "error",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid === undefined) throw new Error("the compute agent did not start");
    // Kept for the tests (what the agent logged) and shown as usual.
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
      process.stderr.write(chunk);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    this.agent = { child, pid: child.pid, exited };
    trace(`${this.host}: agent started (pid ${child.pid})`);
    return this.agent;
  }

  /** `kill -9` of the agent: no cleanup of any kind runs. */
  async kill9(): Promise<void> {
    const agent = this.agent;
    if (!agent) return;
    if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill("SIGKILL");
    await agent.exited;
    trace(`${this.host}: agent killed`);
  }

  /** Starts the agent and waits until the control plane lists the host up. */
  async startAndWaitUp(): Promise<void> {
    this.start();
    await poll(
      `hypervisor ${this.host} to be up`,
      async () => {
        const res = await this.cloud.api("GET", "/os-hypervisors/detail");
        const list = (res.body.hypervisors as Array<Record<string, unknown>> | undefined) ?? [];
        return list.some((h) => h.hypervisor_hostname === this.host && h.state === "up");
      },
      { timeoutMs: 60_000 },
    );
  }

  /** Error-level lines the agents logged after `mark` (a length of `output`), as "msg: error message". */
  errorsSince(mark: number): string[] {
    return this.output
      .slice(mark)
      .split("\n")
      .flatMap((line) => {
        try {
          const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
          return (entry.level ?? 0) >= 50 ? [`${entry.msg}: ${entry.err?.message ?? ""}`] : [];
        } catch {
          return [];
        }
      });
  }

  /** Waits until this host's agent answers an rpc about `id` (it is connected and said hello). */
  async waitConnected(id: string): Promise<void> {
    await poll(`the agent of ${this.host} to answer`, async () => {
      const res = await this.cloud.api("POST", `/servers/${id}/action`, { "os-getConsoleOutput": {} });
      return res.status === 200;
    });
  }

  /** POST /servers (zenith-tiny, m1.tiny) in this host's zone; returns the id. */
  async createServer(name: string): Promise<string> {
    const res = await this.cloud.api("POST", "/servers", {
      server: { name, imageRef: this.cloud.imageId, flavorRef: "1", availability_zone: this.zone },
    });
    if (res.status !== 202) throw new Error(`POST /servers: ${res.status} ${res.text}`);
    const id = String((res.body.server as { id: string }).id);
    this.uuids.add(id);
    trace(`${this.host}: created ${name} ${id}`);
    return id;
  }

  /** Forces the host's compute service down (or up again), as `openstack compute service set --down`. */
  async forceDown(down: boolean): Promise<void> {
    const list = await this.cloud.api("GET", `/os-services?host=${this.host}`, undefined, "2.53");
    const service = (list.body.services as Array<{ id: string }> | undefined)?.[0];
    if (!service) throw new Error(`no service for ${this.host}: ${list.text}`);
    const res = await this.cloud.api("PUT", `/os-services/${service.id}`, { forced_down: down }, "2.53");
    if (res.status !== 200) throw new Error(`force down: ${res.status} ${res.text}`);
  }

  get stateDir(): string {
    return resolve(this.dataDir, "compute", this.host, "qemu");
  }

  instanceDir(uuid: string): string {
    return join(this.stateDir, "instances", uuid);
  }

  /** The guest's socket folder, `/tmp/zenith-qemu-<sha256(stateDir)[0..12]>/<uuid>` (instance-dir.ts). */
  socketDir(uuid: string): string {
    return join(this.socketRoot, uuid);
  }

  get socketRoot(): string {
    const hash = createHash("sha256").update(this.stateDir).digest("hex").slice(0, 12);
    return join(tmpdir(), `zenith-qemu-${hash}`);
  }

  /** The agent's cache of downloaded images (`<data>/compute/<host>/images`). */
  get imageCacheDir(): string {
    return join(this.dataDir, "compute", this.host, "images");
  }

  /** The agent's persisted record of `uuid` (state.json: last desired state, applied counters), if any. */
  persisted(uuid: string): PersistedRecord | undefined {
    try {
      const file = join(this.dataDir, "compute", this.host, "state.json");
      const state = JSON.parse(readFileSync(file, "utf8")) as { instances: Record<string, PersistedRecord> };
      return state.instances[uuid];
    } catch {
      return undefined;
    }
  }

  /** What is left of `uuid` on this machine: processes, files, sockets. */
  leftovers(uuid: string): { qemu: number[]; instanceDir: boolean; socketDir: boolean; sockets: string[] } {
    return {
      qemu: qemuPids(uuid),
      instanceDir: existsSync(this.instanceDir(uuid)),
      socketDir: existsSync(this.socketDir(uuid)),
      sockets: unixSocketsOf(uuid),
    };
  }

  /** afterAll: the agent killed, this host's guests killed by uuid (never another QEMU), sockets removed. */
  async cleanup(): Promise<void> {
    // Agent first: a launch the shim still holds then never starts QEMU.
    await this.kill9();
    this.shim.release();
    await poll("the shim's held launches to end", () => !processesMentioning(this.shim.binDir), {
      timeoutMs: 10_000,
      intervalMs: 50,
    }).catch(() => {});
    for (const uuid of this.uuids) {
      for (const pid of qemuPids(uuid)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    rmSync(this.socketRoot, { recursive: true, force: true });
  }
}

// ── what the machine holds for a guest ──────────────────────────────────

/** Live (not zombie) QEMU processes whose command line carries `-uuid <uuid>`. */
export function qemuPids(uuid: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!(args[0] ?? "").includes("qemu-system")) continue;
      const i = args.indexOf("-uuid");
      if (i < 0 || args[i + 1] !== uuid) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      if (state !== "Z" && state !== "X") pids.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

/** True while some process has `text` in its command line. */
function processesMentioning(text: string): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text)) return true;
    } catch {
      // Exited meanwhile.
    }
  }
  return false;
}

/** The one QEMU of `uuid`; throws when there are none or several. */
export function theQemuPid(uuid: string): number {
  const pids = qemuPids(uuid);
  if (pids.length !== 1) throw new Error(`expected exactly one QEMU for ${uuid}, found ${pids.join(", ")}`);
  return pids[0] as number;
}

/** Unix sockets bound anywhere on the machine whose path mentions `uuid` (/proc/net/unix). */
export function unixSocketsOf(uuid: string): string[] {
  return readFileSync("/proc/net/unix", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[7] ?? "")
    .filter((path) => path.includes(uuid));
}

// ── parking the agent at a chosen point ─────────────────────────────────

/**
 * A `qemu-system-x86_64` first on the agent's PATH that runs the real one
 * unchanged, unless the test asked it to hold the launch of a guest:
 *
 * - `holdBefore(uuid | "all")`: the launch waits before the real QEMU runs
 *   (at a spawn: instance folder and root disk made, no process yet);
 * - `holdAfter(uuid | "all")`: the real QEMU has started and daemonized
 *   (the guest runs) but the agent's launch call has not returned.
 *
 * A held launch writes `held-<point>-<uuid>` and waits until the hold is
 * released or its parent (the agent) is gone; if the agent died while a
 * launch waited before QEMU, QEMU is never run. Other invocations (version,
 * KVM probe) go straight through.
 */
export class QemuShim {
  readonly binDir: string;
  private readonly ctlDir: string;

  constructor(root: string) {
    this.binDir = join(root, "bin");
    this.ctlDir = join(root, "ctl");
    mkdirSync(this.binDir, { recursive: true });
    mkdirSync(this.ctlDir, { recursive: true });
    const real = execFileSync("sh", ["-c", "command -v qemu-system-x86_64"], { encoding: "utf8" }).trim();
    const script = `#!/bin/sh
# Test shim of tests/crash-safety (harness.ts, QemuShim): holds a guest's launch on request.
ctl='${this.ctlDir}'
agent=$PPID
uuid=
prev=
for a in "$@"; do
  if [ "$prev" = -uuid ]; then uuid=$a; fi
  prev=$a
done
hold() {
  for key in "$uuid" all; do
    if [ -e "$ctl/hold-$1-$key" ]; then
      : >"$ctl/held-$1-$uuid"
      while [ -e "$ctl/hold-$1-$key" ] && kill -0 "$agent" 2>/dev/null; do sleep 0.02; done
      return
    fi
  done
}
if [ -n "$uuid" ]; then
  hold before
  kill -0 "$agent" 2>/dev/null || exit 1
  if [ -e "$ctl/hold-starting-$uuid" ]; then
    # A server socket QEMU creates first and waits on (wait=on): after it wrote its pid file,
    # before its monitor and consoles exist. A connection to it lets QEMU go on.
    set -- -chardev "socket,id=zcshold,path=$ctl/s-$uuid.sock,server=on,wait=on" "$@"
  fi
fi
'${real}' "$@"
status=$?
if [ -n "$uuid" ]; then hold after; fi
exit $status
`;
    writeFileSync(join(this.binDir, "qemu-system-x86_64"), script);
    chmodSync(join(this.binDir, "qemu-system-x86_64"), 0o755);
  }

  holdBefore(key: string): void {
    writeFileSync(join(this.ctlDir, `hold-before-${key}`), "");
  }

  holdAfter(key: string): void {
    writeFileSync(join(this.ctlDir, `hold-after-${key}`), "");
  }

  /**
   * The next QEMU of `uuid` stops in its own start-up: pid file written and
   * process running, its QMP monitor and console sockets not created yet.
   */
  holdStarting(uuid: string): void {
    writeFileSync(join(this.ctlDir, `hold-starting-${uuid}`), "");
  }

  /** Resolves once a QEMU of `uuid` waits in its start-up (see `holdStarting`). */
  async starting(uuid: string): Promise<void> {
    await poll(
      `QEMU of ${uuid} to wait in its start-up`,
      () => existsSync(join(this.ctlDir, `s-${uuid}.sock`)),
      {
        intervalMs: 20,
      },
    );
  }

  /** Lets a QEMU held by `holdStarting` go on. */
  async releaseStarting(uuid: string): Promise<void> {
    rmSync(join(this.ctlDir, `hold-starting-${uuid}`), { force: true });
    const path = join(this.ctlDir, `s-${uuid}.sock`);
    if (!existsSync(path)) return;
    await new Promise<void>((done) => {
      const socket = connect(path);
      socket.once("connect", () => {
        socket.end();
        done();
      });
      socket.once("error", () => done());
    });
  }

  /** Removes every hold before/after a launch (a held launch goes on) and every `held` marker. */
  release(): void {
    if (!existsSync(this.ctlDir)) return;
    for (const f of readdirSync(this.ctlDir)) {
      if (f.startsWith("hold-before-") || f.startsWith("hold-after-") || f.startsWith("held-")) {
        rmSync(join(this.ctlDir, f), { force: true });
      }
    }
  }

  /** Forgets the `held` markers (e.g. those of a killed agent), holds stay. */
  clearMarkers(): void {
    for (const f of readdirSync(this.ctlDir)) if (f.startsWith("held-")) rmSync(join(this.ctlDir, f));
  }

  /** Resolves with the uuid once a launch waits at `point`. */
  async held(point: "before" | "after"): Promise<string> {
    return poll(
      `a QEMU launch held ${point} it starts`,
      () => {
        const f = readdirSync(this.ctlDir).find((n) => n.startsWith(`held-${point}-`));
        return f?.slice(`held-${point}-`.length);
      },
      { intervalMs: 20 },
    );
  }
}

/**
 * An HTTP and WebSocket relay between an agent and the control plane, to
 * cut the agent off at a chosen point:
 *
 * - `stallImageDownloads(bytes)`: image downloads stop after `bytes` until
 *   `release()` (the agent holds a partial download);
 * - `holdControlMessages()`: what the control plane sends on the agent's
 *   WebSocket is kept back (it never arrives if the relay is then cut);
 * - `cut()`: drops every relayed connection, held bytes included.
 */
export class ControlProxy {
  private server: Server | undefined;
  private port = 0;
  private stallAfter: number | undefined;
  private stalled = false;
  private releaseWaiters: Array<() => void> = [];
  private holdingMessages = false;
  private readonly heldFrames: Array<{ to: Socket; data: Buffer }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly pending = new Set<ServerResponse>();

  constructor(private readonly target: () => string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => this.relay(req, res));
    server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.tunnel(req, socket, head),
    );
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.once("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    this.server = server;
  }

  stallImageDownloads(afterBytes: number): void {
    this.stallAfter = afterBytes;
    this.stalled = false;
  }

  /** Control-plane frames kept back by `holdControlMessages()`. */
  get heldMessages(): number {
    return this.heldFrames.length;
  }

  /** True once a download has been stopped at its limit. */
  get downloadStalled(): boolean {
    return this.stalled;
  }

  holdControlMessages(): void {
    this.holdingMessages = true;
  }

  /** Downloads go on; held control-plane messages are delivered. */
  release(): void {
    this.stallAfter = undefined;
    for (const wake of this.releaseWaiters.splice(0)) wake();
    this.holdingMessages = false;
    for (const { to, data } of this.heldFrames.splice(0)) if (!to.destroyed) to.write(data);
  }

  /** Every relayed connection dropped, held messages lost. */
  cut(): void {
    this.heldFrames.splice(0);
    this.holdingMessages = false;
    for (const s of this.sockets) s.destroy();
    for (const r of this.pending) r.destroy();
  }

  async close(): Promise<void> {
    this.release();
    this.cut();
    const server = this.server;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  private relay(req: IncomingMessage, res: ServerResponse): void {
    const stallable = req.method === "GET" && /^\/agent\/v1\/images\/[^/]+\/file$/.test(req.url ?? "");
    const upstream = request(
      `${this.target()}${req.url ?? "/"}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        this.pending.add(res);
        res.once("close", () => {
          this.pending.delete(res);
          answer.destroy();
        });
        if (!stallable || this.stallAfter === undefined) {
          answer.pipe(res);
          return;
        }
        const limit = this.stallAfter;
        let sent = 0;
        const gate = new Transform({
          transform: (chunk: Buffer, _enc, next) => {
            sent += chunk.length;
            if (sent < limit || this.stallAfter === undefined) return next(null, chunk);
            // Past the limit: this chunk goes out, then nothing until release().
            gate.push(chunk);
            this.stalled = true;
            this.releaseWaiters.push(() => next());
          },
        });
        answer.pipe(gate).pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  }

  private tunnel(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const target = new URL(this.target());
    const upstream = connect(Number(target.port), target.hostname);
    this.sockets.add(upstream);
    upstream.once("close", () => {
      this.sockets.delete(upstream);
      socket.destroy();
    });
    socket.once("close", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
    upstream.once("connect", () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      upstream.on("data", (data: Buffer) => {
        if (this.holdingMessages) this.heldFrames.push({ to: socket, data });
        else socket.write(data);
      });
    });
  }
}

// ── the serial console, through the control plane and the agent ────────

/**
 * Opens the serial console (os-getSerialConsole → the control plane's
 * WebSocket proxy → the agent's relay → QEMU), types `command` once the
 * shell shows its prompt, and resolves with the output once `until` matches.
 */
export async function serialConsole(
  cloud: Cloud,
  id: string,
  command: string,
  until: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  const res = await cloud.api("POST", `/servers/${id}/action`, { "os-getSerialConsole": { type: "serial" } });
  if (res.status !== 200) throw new Error(`os-getSerialConsole: ${res.status} ${res.text}`);
  const url = String((res.body.console as { url: string }).url);
  return new Promise((done, fail) => {
    const ws = new WebSocket(url);
    let seen = "";
    let typed = false;
    const finish = (err?: Error) => {
      clearTimeout(timer);
      clearInterval(poke);
      ws.close();
      if (err) fail(err);
      else done(seen);
    };
    const timer = setTimeout(() => {
      ws.terminate();
      finish(new Error(`serial console of ${id}: no ${until}; got ${JSON.stringify(seen.slice(-400))}`));
    }, timeoutMs);
    // Enter until the shell shows a prompt, then the command, once.
    const poke = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN && !typed) ws.send("\r");
    }, 1000);
    ws.once("open", () => ws.send("\r"));
    ws.on("message", (data) => {
      seen += Buffer.from(data as Buffer).toString("latin1");
      // The prompt ("root@name:~# ") may be followed by busybox's cursor-position query.
      const tail = seen.endsWith("\u001b[6n") ? seen.slice(0, -4) : seen;
      if (!typed && tail.endsWith("# ")) {
        typed = true;
        seen = "";
        ws.send(`${command}\r`);
      }
      if (typed && until.test(seen)) finish();
    });
    ws.once("error", (err) => finish(err));
  });
}

/** What the scenarios share; set by the suite's beforeAll, so read it inside hooks and tests only. */
export interface Suite {
  cloud: Cloud;
  /** A temp folder for this run, removed at the end. */
  root: string;
}

/** The create action's events once the build is over: one build event, finished, Success. */
export const BUILD_DONE = [
  { event: "compute__do_build_and_run_instance", result: "Success", finished: true },
];
