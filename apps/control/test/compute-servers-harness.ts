/**
 * Shared by the compute-servers and scheduler tests: a control plane with
 * a known agent token, seeded flavors and images, a /compute API client and
 * a minimal in-test compute agent speaking the protocol over a real
 * WebSocket (deliberately independent of apps/compute-agent).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ActualInstance,
  agentConsolePath,
  agentImageFilePath,
  COMPUTE_AGENT_PATH,
  type ControlMessage,
  type DesiredInstance,
  PowerState,
  ZControlMessage,
} from "@zenith/agent-protocol/compute";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { expect } from "vitest";
import WebSocket from "ws";
import type { StartControlOptions } from "../src/server.ts";
import {
  type ApiResponse,
  DEMO_PASSWORD,
  startTestControl,
  type TestControl,
  type TestTarget,
  tempDir,
  waitFor,
} from "./harness.ts";

export const AGENT_TOKEN = "test-agent-token-0123456789";

export interface ComputeTestEnv {
  control: TestControl;
  dataDir: string;
  adminToken: string;
  demoToken: string;
  demoProjectId: string;
  api(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; mv?: string },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/**
 * PGlite in memory (or on disk under the data dir with `onDisk`, for
 * restarts), or a database of its own on the PostgreSQL test server.
 */
export async function computeTarget(
  label: string,
  opts: { onDisk?: boolean } = {},
): Promise<{ target: TestTarget; drop(): Promise<void> }> {
  const pg = testPgUrl();
  if (!pg) {
    const databaseUrl = opts.onDisk ? "" : "memory://";
    return { target: { label: "PGlite", databaseUrl, reset: async () => {} }, drop: async () => {} };
  }
  const db = await createTestDatabase(pg, label);
  return { target: { label: "PostgreSQL", databaseUrl: db.url, reset: async () => {} }, drop: db.drop };
}

export async function startCompute(
  label: string,
  opts: { dataDir?: string; target?: TestTarget; control?: Partial<StartControlOptions> } = {},
): Promise<ComputeTestEnv> {
  const dir = opts.dataDir ? null : tempDir("zenith-compute-");
  const dataDir = opts.dataDir ?? dir?.path ?? "";
  const made = opts.target ? null : await computeTarget(label);
  const target = opts.target ?? made?.target;
  if (!target) throw new Error("no target");
  const control = await startTestControl(target, {
    dataDir,
    imageDir: join(dataDir, "images"),
    agentToken: AGENT_TOKEN,
    keepData: true,
    // These suites run no network agent: like Nova with vif_plugging_timeout = 0, builds do not
    // wait for ports to be wired (the compute-network suites run one and wait).
    vifPlugTimeoutS: 0,
    // No first-start networking: these suites check servers without ports (`addresses: {}`);
    // the compute-network suites ask for it (compute-network-harness.ts).
    defaultNetworking: false,
    ...opts.control,
  });
  const adminToken = await control.adminToken();
  const demoToken = await control.login("demo", DEMO_PASSWORD, { project: "demo" });
  const demo = await control.running.db.prisma.project.findFirst({ where: { name: "demo" } });
  const env: ComputeTestEnv = {
    control,
    dataDir,
    adminToken,
    demoToken,
    demoProjectId: demo?.id ?? "",
    api: (method, path, o = {}) => request(control.url, method, path, { ...o, token: o.token ?? demoToken }),
    async close() {
      await control.close();
      await made?.drop();
      dir?.remove();
    },
  };
  return env;
}

/** Relative paths are under /compute/v2.1; absolute ones are used as they are. */
async function request(
  base: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; mv?: string },
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (o.token) headers["x-auth-token"] = o.token;
  if (o.mv) headers["openstack-api-version"] = `compute ${o.mv}`;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path.startsWith("/") ? path : `/compute/v2.1/${path}`}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body, text };
}

export const FLAVORS = {
  small: { id: "zt-small", name: "zt.small", vcpus: 1, ramMb: 512, diskGb: 1 },
  medium: { id: "zt-medium", name: "zt.medium", vcpus: 2, ramMb: 1024, diskGb: 2 },
  big: { id: "zt-big", name: "zt.big", vcpus: 4, ramMb: 4096, diskGb: 10 },
};

/** Flavors, a public active image with bytes on disk, and a key pair for demo. */
export async function seed(env: ComputeTestEnv): Promise<{ imageId: string }> {
  const prisma = env.control.running.db.prisma;
  for (const f of Object.values(FLAVORS)) {
    await prisma.flavor.upsert({ where: { id: f.id }, create: f, update: {} });
  }
  const imageId = randomUUID();
  const bytes = Buffer.from("fake disk image bytes\n");
  mkdirSync(join(env.dataDir, "images"), { recursive: true });
  writeFileSync(join(env.dataDir, "images", imageId), bytes);
  await prisma.image.create({
    data: {
      id: imageId,
      name: "cirros",
      status: "active",
      visibility: "public",
      diskFormat: "qcow2",
      containerFormat: "bare",
      size: BigInt(bytes.length),
      minDisk: 0,
      minRam: 0,
    },
  });
  return { imageId };
}

export interface AgentOptions {
  host: string;
  vcpus?: number;
  memoryMb?: number;
  diskGb?: number;
  availabilityZone?: string;
  /** Spawns fail with this message. */
  failSpawn?: string;
  /** The credential it presents; default the shared AGENT_TOKEN. */
  token?: string;
}

type LocalInstance = ActualInstance & { done: Set<string> };

/**
 * A compute agent reduced to the protocol: it converges every desired
 * instance at once (spawn, power, reboot, rebuild, resize, snapshots,
 * destroy), reports, and answers consoleOutput. `hold()` stops it
 * converging until `release()`, to observe transitional states.
 */
export class FakeAgent {
  readonly instances = new Map<string, LocalInstance>();
  readonly received: ControlMessage[] = [];
  hostId = "";
  private ws: WebSocket | null = null;
  private chain: Promise<void> = Promise.resolve();
  private held: ControlMessage[] | null = null;

  constructor(
    private readonly opts: AgentOptions,
    public url: string,
  ) {}

  async connect(): Promise<void> {
    const ws = new WebSocket(`${this.url.replace(/^http/, "ws")}${COMPUTE_AGENT_PATH}`, {
      headers: { authorization: `Bearer ${this.opts.token ?? AGENT_TOKEN}` },
    });
    this.ws = ws;
    const welcomed = new Promise<void>((resolve, reject) => {
      ws.once("error", reject);
      ws.on("message", (data) => {
        const msg = ZControlMessage.parse(JSON.parse(data.toString()));
        this.received.push(msg);
        if (msg.type === "welcome") {
          this.hostId = msg.hostId;
          resolve();
          return;
        }
        if (this.held) this.held.push(msg);
        else this.enqueue(msg);
      });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    this.send({
      type: "hello",
      protocol: 1,
      host: this.opts.host,
      agentVersion: "test",
      ...(this.opts.availabilityZone ? { availabilityZone: this.opts.availabilityZone } : {}),
      resources: {
        vcpus: this.opts.vcpus ?? 8,
        memoryMb: this.opts.memoryMb ?? 16384,
        diskGb: this.opts.diskGb ?? 100,
        hypervisorType: "fake",
        hypervisorVersion: 1,
        hypervisorHostname: this.opts.host,
        hostIp: "127.0.0.1",
        cpuInfo: {},
      },
      instances: [...this.instances.values()].map(actual),
    });
    await welcomed;
    // The full desired state follows the welcome; let it be applied.
    await waitFor(async () => this.received.some((m) => m.type === "desired" && m.full));
    await this.idle();
  }

  hold(): void {
    this.held ??= [];
  }

  /** Forgets held messages (the control plane went away before they were applied). */
  dropHeld(): void {
    this.held = null;
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const msg of held) this.enqueue(msg);
  }

  async idle(): Promise<void> {
    await this.chain;
  }

  heartbeat(): void {
    this.send({ type: "heartbeat" });
  }

  /** Like the agent process ending: its console sockets go with it. */
  async close(): Promise<void> {
    for (const socket of this.consoleSockets) socket.terminate();
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.close();
    });
  }

  send(msg: unknown): void {
    this.ws?.send(JSON.stringify(msg));
  }

  private enqueue(msg: ControlMessage): void {
    this.chain = this.chain
      .then(() => this.handle(msg))
      .catch((err: unknown) => console.error("fake agent", err));
  }

  /** The last volumes (with their NBD connections) each instance was sent. */
  readonly volumeConnections = new Map<string, DesiredInstance["volumes"]>();

  /** Console sockets this agent dialled back (echo consoles), open or closed. */
  readonly consoleSockets: WebSocket[] = [];

  private openConsole(id: string, params: { uuid: string; kind: string; sessionId: string }): void {
    if (!this.instances.get(params.uuid)?.exists) {
      this.send({
        type: "rpcResult",
        id,
        ok: false,
        error: { code: "InstanceNotFound", message: "no guest" },
      });
      return;
    }
    const ws = new WebSocket(`${this.url.replace(/^http/, "ws")}${agentConsolePath(params.sessionId)}`, {
      headers: { authorization: `Bearer ${this.opts.token ?? AGENT_TOKEN}` },
    });
    this.consoleSockets.push(ws);
    ws.once("open", () => {
      ws.send(Buffer.from(`${params.kind} console of ${params.uuid}\r\n`), { binary: true });
      this.send({ type: "rpcResult", id, ok: true, result: {} });
    });
    ws.on("message", (data) =>
      ws.send(Buffer.concat([Buffer.from("echo:"), data as Buffer]), { binary: true }),
    );
    ws.once("error", (err) => {
      this.send({ type: "rpcResult", id, ok: false, error: { code: "Internal", message: err.message } });
    });
  }

  private async handle(msg: ControlMessage): Promise<void> {
    if (msg.type === "rpc" && msg.method === "openConsole") return this.openConsole(msg.id, msg.params);
    if (msg.type === "rpc") {
      const lines = Array.from({ length: 10 }, (_, i) => `boot line ${i + 1}`).join("\n");
      const known = this.instances.get(msg.params.uuid);
      this.send(
        known?.exists
          ? { type: "rpcResult", id: msg.id, ok: true, result: { output: `${lines}\n` } }
          : {
              type: "rpcResult",
              id: msg.id,
              ok: false,
              error: { code: "notFound", message: "no such domain" },
            },
      );
      return;
    }
    if (msg.type !== "desired") return;
    const reports: ActualInstance[] = [];
    const results: unknown[] = [];
    for (const uuid of msg.deleted) {
      const local = this.instances.get(uuid);
      this.instances.delete(uuid);
      reports.push({
        ...(local ? actual(local) : blank(uuid)),
        exists: false,
        powerState: PowerState.NOSTATE,
      });
      results.push({ type: "taskResult", uuid, task: "destroy", ok: true });
    }
    if (msg.full) {
      const wanted = new Set([...msg.instances.map((i) => i.uuid), ...msg.deleted]);
      for (const uuid of [...this.instances.keys()]) if (!wanted.has(uuid)) this.instances.delete(uuid);
    }
    for (const d of msg.instances) {
      const outcome = await this.converge(d);
      if (outcome.report) reports.push(outcome.report);
      results.push(...outcome.results);
    }
    if (reports.length > 0) this.send({ type: "report", instances: reports });
    for (const r of results) this.send(r);
  }

  private async converge(d: DesiredInstance): Promise<{ report?: ActualInstance; results: unknown[] }> {
    const results: unknown[] = [];
    let local = this.instances.get(d.uuid);
    // A server booted from a volume spawns once the volume's export is known (as the real agent waits).
    const bootVolume = d.volumes.find((v) => v.bootIndex === 0);
    if (!local && bootVolume && bootVolume.connection === null) return { results };
    if (!local) {
      if (this.opts.failSpawn) {
        return {
          results: [
            { type: "taskResult", uuid: d.uuid, task: "spawn", ok: false, message: this.opts.failSpawn },
          ],
        };
      }
      local = { ...blank(d.uuid), exists: true, done: new Set() };
      local.applied = {
        generation: d.generation,
        rebootSeq: d.rebootSeq,
        rebuildSeq: d.rebuildSeq,
        resizeSeq: d.resize.seq,
      };
      this.instances.set(d.uuid, local);
      results.push({ type: "taskResult", uuid: d.uuid, task: "spawn", ok: true });
    }
    if (d.rebootSeq > local.applied.rebootSeq) local.applied.rebootSeq = d.rebootSeq;
    if (d.rebuildSeq > local.applied.rebuildSeq) local.applied.rebuildSeq = d.rebuildSeq;
    if (d.resize.seq > local.applied.resizeSeq) {
      local.applied.resizeSeq = d.resize.seq;
      local.resizePending = true;
    } else if (local.resizePending && d.resize.finish !== "wait") {
      local.resizePending = false;
    }
    local.powerState = POWER[d.power];
    for (const { imageId } of d.snapshots) {
      if (local.done.has(imageId)) continue;
      local.done.add(imageId);
      const res = await fetch(`${this.url}${agentImageFilePath(imageId)}`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${this.opts.token ?? AGENT_TOKEN}`,
          "content-type": "application/octet-stream",
        },
        body: Buffer.from(`snapshot of ${d.uuid}\n`),
      });
      results.push({ type: "taskResult", uuid: d.uuid, task: "snapshot", ok: res.status === 204, imageId });
    }
    // Volumes: plugged once their export is known (connection), in order after the root disk.
    const data = d.volumes.filter((v) => v.connection !== null && v.bootIndex !== 0);
    local.volumes = [
      ...(bootVolume?.connection ? [{ attachmentId: bootVolume.attachmentId, device: "/dev/vda" }] : []),
      ...data.map((v, i) => ({
        attachmentId: v.attachmentId,
        device: `/dev/vd${String.fromCharCode(98 + i)}`,
      })),
    ];
    this.volumeConnections.set(d.uuid, d.volumes);
    local.applied.generation = d.generation;
    return { report: actual(local), results };
  }
}

const POWER = {
  running: PowerState.RUNNING,
  stopped: PowerState.SHUTDOWN,
  paused: PowerState.PAUSED,
  suspended: PowerState.SUSPENDED,
} as const;

function blank(uuid: string): ActualInstance {
  return {
    uuid,
    powerState: PowerState.NOSTATE,
    exists: false,
    applied: { generation: 0, rebootSeq: 0, rebuildSeq: 0, resizeSeq: 0 },
    resizePending: false,
  };
}

function actual(local: ActualInstance): ActualInstance {
  return {
    uuid: local.uuid,
    powerState: local.powerState,
    exists: local.exists,
    applied: { ...local.applied },
    resizePending: local.resizePending,
    ...(local.volumes ? { volumes: local.volumes.map((v) => ({ ...v })) } : {}),
  };
}

/** Polls GET /servers/{id} until its status is one of `statuses`. */
export async function waitForStatus(
  env: ComputeTestEnv,
  id: string,
  ...statuses: string[]
): Promise<ApiResponse> {
  let last: ApiResponse | null = null;
  await waitFor(async () => {
    last = await env.api("GET", `servers/${id}`, { token: env.adminToken, mv: "2.73" });
    return (
      statuses.includes(last.body?.server?.status) && last.body?.server?.["OS-EXT-STS:task_state"] === null
    );
  });
  if (!last) throw new Error("unreachable");
  return last;
}

export async function createServer(
  env: ComputeTestEnv,
  body: Record<string, unknown>,
  opts: { token?: string; mv?: string } = {},
): Promise<ApiResponse> {
  return env.api("POST", "servers", { ...opts, body: { server: body } });
}

/** A compute test cloud with seeded flavors and image, and one connected fake host. */
export interface ComputeWithAgent {
  env: ComputeTestEnv;
  agent: FakeAgent;
  imageId: string;
}

/** The common `beforeAll` of the server suites: control plane (database `name`), seed, one fake host. */
export async function startComputeWithAgent(name: string, host: string): Promise<ComputeWithAgent> {
  const env = await startCompute(name);
  const { imageId } = await seed(env);
  const agent = new FakeAgent({ host }, env.control.url);
  await agent.connect();
  return { env, agent, imageId };
}

/** The matching `afterAll`: safe when `beforeAll` failed half-way. */
export async function stopComputeWithAgent(suite: Partial<ComputeWithAgent>): Promise<void> {
  await suite.agent?.close();
  await suite.env?.close();
}

/** Creates a server from `imageId` on the small flavor and waits for ACTIVE; returns its id. */
export async function bootActive(
  env: ComputeTestEnv,
  imageId: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await createServer(env, { name, imageRef: imageId, flavorRef: FLAVORS.small.id, ...extra });
  expect(res.status, res.text).toBe(202);
  await waitForStatus(env, res.body.server.id, "ACTIVE");
  return res.body.server.id;
}

/** A new project with a member of its own (named `name`), and that member's project token. */
export async function memberOfNewProject(
  env: ComputeTestEnv,
  name: string,
): Promise<{ projectId: string; token: string }> {
  const admin = env.adminToken;
  const api = env.control;
  const project = await api.api("POST", "/projects", {
    token: admin,
    body: { project: { name, domain_id: "default" } },
  });
  const password = "other-secret-123";
  const user = await api.api("POST", "/users", {
    token: admin,
    body: { user: { name, domain_id: "default", password } },
  });
  const roles = await api.api("GET", "/roles?name=member", { token: admin });
  const projectId: string = project.body.project.id;
  await api.api("PUT", `/projects/${projectId}/users/${user.body.user.id}/roles/${roles.body.roles[0].id}`, {
    token: admin,
  });
  return { projectId, token: await api.login(name, password, { projectId }) };
}
