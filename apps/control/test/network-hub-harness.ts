/**
 * Shared by the network-hub tests: a control plane (PGlite in memory, or a
 * database of its own on the PostgreSQL test server), hosts enrolled with
 * credentials of their own, a minimal network agent speaking the protocol
 * over a real WebSocket (deliberately independent of apps/network-agent),
 * and rows seeded straight into the Neutron tables (the Neutron API is
 * another part's; the hub reads only the tables).
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  type AppliedState,
  NETWORK_AGENT_PATH,
  type NetworkControlMessage,
  type NetworkDesired,
  ZNetworkControlMessage,
} from "@zenith/agent-protocol/network";
import type { PrismaClient } from "@zenith/db/client";
import { Address4 } from "ip-address";
import WebSocket from "ws";
import { computeTarget } from "./compute-servers-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl, waitFor } from "./harness.ts";

export interface NetworkTestEnv {
  control: TestControl;
  prisma: PrismaClient;
  adminToken: string;
  demoToken: string;
  demoProjectId: string;
  adminProjectId: string;
  /** Host names unique to this run, so parallel suites never share one. */
  hostName(label: string): string;
  /** Publishes and waits until each of `agents` has received its new state. */
  publish(...agents: FakeNetworkAgent[]): Promise<void>;
  /** Waits until the hub has sent what is queued and each of `agents` has received it. */
  settle(...agents: FakeNetworkAgent[]): Promise<void>;
  close(): Promise<void>;
}

export async function startNetworkEnv(label: string): Promise<NetworkTestEnv> {
  const made = await computeTarget(label);
  const control = await startTestControl(made.target, {
    joinTokenFile: false,
    seedStarterImage: false,
    logLevel: process.env.NHUB_LOG ?? "silent",
  });
  const prisma = control.running.db.prisma;
  const project = async (name: string) =>
    (await prisma.project.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
  const run = randomBytes(3).toString("hex");
  const hub = control.running.networkHub;
  const settle = async (...agents: FakeNetworkAgent[]) => {
    await hub.hub.idle();
    for (const agent of agents) await agent.sync();
  };
  return {
    control,
    prisma,
    adminToken: await control.adminToken(),
    demoToken: await control.login("demo", DEMO_PASSWORD, { project: "demo" }),
    demoProjectId: await project("demo"),
    adminProjectId: await project("admin"),
    hostName: (l) => `${l}-${run}`,
    async publish(...agents) {
      hub.publisher.networkChanged();
      await settle(...agents);
    },
    settle,
    async close() {
      await control.close();
      await made.drop();
    },
  };
}

export interface NetworkAgentOptions {
  host: string;
  credential: string;
  tunnelIp: string;
  physicalNetworks?: string[];
  /** What its hello says it runs (default fake). */
  driver?: "linux" | "fake";
}

/**
 * A network agent reduced to the protocol: it "applies" every desired
 * state at once and reports it (every port, DHCP and router at its sent
 * generation) unless held; `applied` can be overridden to report less.
 */
export class FakeNetworkAgent {
  readonly received: NetworkControlMessage[] = [];
  hostId = "";
  closedWith: { code: number; reason: string } | null = null;
  /** When set, reports are made from this instead of the desired state. */
  reportOverride: ((d: NetworkDesired) => AppliedState) | null = null;
  private ws: WebSocket | null = null;
  private autoReport = true;

  constructor(
    private readonly url: string,
    private readonly opts: NetworkAgentOptions,
  ) {}

  /** The latest desired state received. */
  get desired(): NetworkDesired | null {
    const all = this.received.filter((m): m is NetworkDesired => m.type === "desired");
    return all.at(-1) ?? null;
  }

  /** Opens the socket and says hello; resolves once welcomed and sent a first state (or closed). */
  async connect(applied: AppliedState = emptyApplied()): Promise<void> {
    const ws = new WebSocket(`${this.url.replace(/^http/, "ws")}${NETWORK_AGENT_PATH}`, {
      headers: { authorization: `Bearer ${this.opts.credential}` },
    });
    this.ws = ws;
    ws.on("message", (data) => {
      const msg = ZNetworkControlMessage.parse(JSON.parse(data.toString()));
      this.received.push(msg);
      if (msg.type === "welcome") this.hostId = msg.hostId;
      if (msg.type === "desired" && this.autoReport) this.report(msg);
    });
    ws.on("close", (code, reason) => {
      this.closedWith = { code, reason: reason.toString() };
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
      driver: this.opts.driver ?? "fake",
      tunnelIp: this.opts.tunnelIp,
      physicalNetworks: this.opts.physicalNetworks ?? [],
      applied,
    });
    await waitFor(async () => this.closedWith !== null || this.desired !== null);
  }

  /** Stops reporting (the agent is still converging). */
  hold(): void {
    this.autoReport = false;
  }

  release(): void {
    this.autoReport = true;
    const d = this.desired;
    if (d) this.report(d);
  }

  report(d: NetworkDesired): void {
    this.send({ type: "report", applied: this.reportOverride ? this.reportOverride(d) : appliedOf(d) });
  }

  /**
   * Resolves once everything the control plane sent before now has been
   * received: its pong follows them on the same ordered connection.
   */
  async sync(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    await new Promise<void>((resolve) => {
      ws.once("pong", () => resolve());
      ws.ping();
    });
  }

  heartbeat(): void {
    this.send({ type: "heartbeat" });
  }

  send(msg: unknown): void {
    this.ws?.send(JSON.stringify(msg));
  }

  async close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.close();
    });
  }
}

export const emptyApplied = (): AppliedState => ({ ports: [], dhcp: [], routers: [], errors: [] });

export const appliedOf = (d: NetworkDesired): AppliedState => ({
  ports: d.ports.map((p) => ({ id: p.id, generation: p.generation })),
  dhcp: d.dhcp.map((x) => ({ networkId: x.networkId, generation: x.generation })),
  routers: d.routers.map((r) => ({ id: r.id, generation: r.generation })),
  errors: [],
});

// ---- rows seeded into the Neutron tables ----

const nextAddress = (a: string): string => Address4.fromBigInt(new Address4(a).bigInt() + 1n).correctForm();

const mac = (): string =>
  `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

export async function seedNetwork(
  prisma: PrismaClient,
  o: { projectId: string; cidr: string; gateway: string; vni?: number; dhcp?: boolean; external?: boolean },
): Promise<{ networkId: string; subnetId: string }> {
  const networkId = randomUUID();
  const subnetId = randomUUID();
  await prisma.network.create({
    data: {
      id: networkId,
      projectId: o.projectId,
      name: `net-${networkId.slice(0, 6)}`,
      networkType: o.external ? "flat" : "vxlan",
      physicalNetwork: o.external ? "public" : null,
      // VNIs unique per run: the (type, VNI) pair is unique in the table.
      segmentationId: o.external ? null : (o.vni ?? 1000 + Math.floor(Math.random() * 1_000_000)),
      external: o.external ?? false,
    },
  });
  await prisma.subnet.create({
    data: {
      id: subnetId,
      networkId,
      projectId: o.projectId,
      ipVersion: 4,
      cidr: o.cidr,
      gatewayIp: o.gateway,
      enableDhcp: o.dhcp ?? true,
      dnsNameservers: [],
      // As the subnets API stores it: the whole range but the network, gateway and broadcast addresses.
      allocationPools: [
        { start: nextAddress(o.gateway), end: new Address4(o.cidr).endAddressExclusive().correctForm() },
      ],
    },
  });
  return { networkId, subnetId };
}

export async function seedPort(
  prisma: PrismaClient,
  o: {
    projectId: string;
    networkId: string;
    subnetId: string;
    address: string;
    host?: string;
    deviceId?: string;
    deviceOwner?: string;
    securityGroupIds?: string[];
  },
): Promise<string> {
  const id = randomUUID();
  await prisma.port.create({
    data: {
      id,
      networkId: o.networkId,
      projectId: o.projectId,
      macAddress: mac(),
      deviceId: o.deviceId ?? "",
      deviceOwner: o.deviceOwner ?? "compute:nova",
      bindingHost: o.host ?? "",
      vifType: o.host ? "bridge" : "unbound",
      fixedIps: { create: [{ subnetId: o.subnetId, ipAddress: o.address, networkId: o.networkId }] },
      securityGroups: { create: (o.securityGroupIds ?? []).map((securityGroupId) => ({ securityGroupId })) },
    },
  });
  return id;
}

export async function seedInstance(
  prisma: PrismaClient,
  o: { projectId: string; name: string; userData?: string; keyName?: string; keyData?: string },
): Promise<string> {
  const id = randomUUID();
  await prisma.instance.create({
    data: {
      id,
      name: o.name,
      hostname: o.name,
      projectId: o.projectId,
      userId: "test-user",
      reservationId: `r-${id.slice(0, 8)}`,
      flavorId: "tiny",
      flavor: {},
      availabilityZone: "nova",
      metadata: { role: "web" },
      ...(o.userData ? { userData: Buffer.from(o.userData).toString("base64") } : {}),
      ...(o.keyName ? { keyName: o.keyName, keyData: o.keyData ?? "" } : {}),
    },
  });
  return id;
}
