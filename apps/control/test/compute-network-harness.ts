/**
 * Shared by the compute-network suites: the real control plane with one
 * host that runs both a protocol-level compute agent (FakeAgent) and a
 * protocol-level network agent (FakeNetworkAgent, from the hub's suites),
 * enrolled with one credential as real hosts are; Neutron rows are seeded
 * straight into the tables where a suite needs them.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { DesiredInstance } from "@zenith/agent-protocol/compute";
import type { PrismaClient } from "@zenith/db/client";
import type { StartControlOptions } from "../src/server.ts";
import { DEFAULT_VIF_PLUG_TIMEOUT_S } from "../src/services/compute/servers/networking/vif-wait.ts";
import {
  type ComputeTestEnv,
  FakeAgent,
  FLAVORS,
  memberOfNewProject,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import type { ApiResponse } from "./harness.ts";
import { FakeNetworkAgent, seedNetwork } from "./network-hub-harness.ts";

export interface NetComputeEnv {
  env: ComputeTestEnv;
  prisma: PrismaClient;
  imageId: string;
  host: string;
  compute: FakeAgent;
  network: FakeNetworkAgent;
  /** A name unique to this run (host names, VNIs and network names are shared by parallel suites). */
  unique(label: string): string;
  close(): Promise<void>;
}

/** One host with a compute and a network agent on one credential. */
export async function startNetCompute(
  label: string,
  control: Partial<StartControlOptions> = {},
): Promise<NetComputeEnv> {
  const run = randomBytes(3).toString("hex");
  const env = await startCompute(label, {
    // DevStack's first-start networking (public, demo's private, router1), and Nova's wait for wiring.
    control: {
      joinTokenFile: false,
      defaultNetworking: true,
      vifPlugTimeoutS: DEFAULT_VIF_PLUG_TIMEOUT_S,
      ...control,
    },
  });
  const parts: Partial<NetComputeEnv> = { env };
  try {
    const { imageId } = await seed(env);
    const host = `cn-${label.replace(/_/g, "-")}-${run}`;
    const credential = await env.control.running.enrolHost(host);
    const compute = new FakeAgent({ host, token: credential }, env.control.url);
    await compute.connect();
    parts.compute = compute;
    const network = new FakeNetworkAgent(env.control.url, { host, credential, tunnelIp: "127.0.0.1" });
    await network.connect();
    parts.network = network;
    return {
      env,
      prisma: env.control.running.db.prisma,
      imageId,
      host,
      compute,
      network,
      unique: (l) => `${l}-${run}`,
      close: () => stopNetCompute(parts),
    };
  } catch (err) {
    await stopNetCompute(parts);
    throw err;
  }
}

/** Safe on a half-started suite. */
export async function stopNetCompute(parts: Partial<NetComputeEnv>): Promise<void> {
  await parts.network?.close();
  await parts.compute?.close();
  await parts.env?.close();
}

/** A tenant network with one IPv4 subnet, as rows (the Neutron API is another part's). */
export async function tenantNetwork(
  t: NetComputeEnv,
  projectId: string,
  cidr = "10.20.0.0/24",
  opts: { shared?: boolean; name?: string } = {},
): Promise<{ networkId: string; subnetId: string; name: string }> {
  const gateway = cidr.replace(/0\/\d+$/, "1");
  // No DHCP: its port would take a pool address the suites may name as fixed IPs.
  const made = await seedNetwork(t.prisma, { projectId, cidr, gateway, dhcp: false });
  const name = opts.name ?? t.unique(`net-${made.networkId.slice(0, 4)}`);
  await t.prisma.network.update({
    where: { id: made.networkId },
    data: { name, shared: opts.shared ?? false, mtu: 1450 },
  });
  return { ...made, name };
}

const mac = (): string =>
  `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

/** An unbound port a user made (as `openstack port create` would leave it). */
export async function userPort(
  t: NetComputeEnv,
  o: { projectId: string; networkId: string; subnetId: string; address: string; securityGroupIds?: string[] },
): Promise<{ id: string; mac: string }> {
  const id = randomUUID();
  const macAddress = mac();
  await t.prisma.port.create({
    data: {
      id,
      networkId: o.networkId,
      projectId: o.projectId,
      macAddress,
      fixedIps: { create: [{ subnetId: o.subnetId, ipAddress: o.address, networkId: o.networkId }] },
      securityGroups: { create: (o.securityGroupIds ?? []).map((securityGroupId) => ({ securityGroupId })) },
    },
  });
  return { id, mac: macAddress };
}

/** A security group of the project with no rules. */
export async function securityGroup(t: NetComputeEnv, projectId: string, name: string): Promise<string> {
  const id = randomUUID();
  await t.prisma.securityGroup.create({ data: { id, projectId, name } });
  return id;
}

export function boot(
  t: NetComputeEnv,
  name: string,
  extra: Record<string, unknown>,
  opts: { token?: string; mv?: string } = {},
): Promise<ApiResponse> {
  return t.env.api("POST", "servers", {
    ...opts,
    body: { server: { name, imageRef: t.imageId, flavorRef: FLAVORS.small.id, ...extra } },
  });
}

/** The latest desired state the compute agent received for the instance. */
export function desiredOf(agent: FakeAgent, uuid: string): DesiredInstance | undefined {
  for (let i = agent.received.length - 1; i >= 0; i--) {
    const msg = agent.received[i];
    if (msg?.type !== "desired") continue;
    const found = msg.instances.find((d) => d.uuid === uuid);
    if (found) return found;
  }
  return undefined;
}

export { waitForStatus };

/** A project with a member user, and that user's token (for isolation tests). */
export async function otherProject(
  t: NetComputeEnv,
  label: string,
): Promise<{ projectId: string; token: string }> {
  return memberOfNewProject(t.env, t.unique(label));
}
