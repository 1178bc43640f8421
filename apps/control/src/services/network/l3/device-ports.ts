import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import type { IpAllocation, Port, Subnet } from "@zenith/db/generated";
import { z } from "zod";
import { addressAt, cidrContains, rangeOf } from "./cidr.ts";
import { conflict, invalid } from "./faults.ts";

type Tx = Prisma.TransactionClient;

export type PortWithIps = Port & { fixedIps: IpAllocation[] };

/** Ports the L3 services own: router interfaces and gateways, floating IP holders. */
export interface DevicePortSpec {
  networkId: string;
  /** Gateway and floating IP ports belong to no project (""), as upstream: tenants never list them. */
  projectId: string;
  deviceOwner: string;
  deviceId: string;
  /** Wanted addresses; empty: one address from the network's first subnet that has one free. */
  fixedIps: Array<{ subnetId?: string | undefined; ipAddress?: string | undefined }>;
}

const ZPools = z.array(z.object({ start: z.string(), end: z.string() }));

/** Is `address` a bare address inside the subnet's CIDR? */
export function inSubnet(subnet: Subnet, address: string): boolean {
  return cidrContains(subnet.cidr, address);
}

function toBig(text: string): bigint {
  const range = rangeOf(text);
  if (!range) throw new Error(`not an address: ${text}`);
  return range.first;
}

/** Neutron's base MAC fa:16:3e plus three random bytes. */
function newMac(): string {
  return ["fa", "16", "3e", ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0"))].join(":");
}

/** The first free address of the subnet's allocation pools (the caller holds the subnet's lock). */
async function firstFree(tx: Tx, subnet: Subnet): Promise<string | null> {
  const used = new Set(
    (await tx.ipAllocation.findMany({ where: { subnetId: subnet.id }, select: { ipAddress: true } })).map(
      (a) => toBig(a.ipAddress),
    ),
  );
  if (subnet.gatewayIp) used.add(toBig(subnet.gatewayIp));
  for (const pool of ZPools.parse(subnet.allocationPools)) {
    const end = toBig(pool.end);
    // Each step passes one used address at most, so this ends after |used| + 1 steps.
    for (let at = toBig(pool.start); at <= end; at++) {
      if (!used.has(at)) return addressAt(subnet.ipVersion === 4 ? 4 : 6, at);
    }
  }
  return null;
}

async function lockSubnet(tx: Tx, subnetId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ipam:${subnetId}`}))`;
}

async function allocate(
  tx: Tx,
  networkId: string,
  subnets: Subnet[],
  wanted: DevicePortSpec["fixedIps"][number],
): Promise<{ subnetId: string; ipAddress: string }> {
  if (wanted.ipAddress !== undefined) {
    const subnet = subnets.find((s) =>
      wanted.subnetId === undefined ? inSubnet(s, wanted.ipAddress ?? "") : s.id === wanted.subnetId,
    );
    if (!subnet || !inSubnet(subnet, wanted.ipAddress)) {
      throw invalid(
        "InvalidIpForNetwork",
        `IP address ${wanted.ipAddress} is not a valid IP for any of the subnets on the specified network.`,
      );
    }
    await lockSubnet(tx, subnet.id);
    const taken = await tx.ipAllocation.findUnique({
      where: { subnetId_ipAddress: { subnetId: subnet.id, ipAddress: wanted.ipAddress } },
    });
    if (taken) {
      throw conflict(
        "IpAddressInUse",
        `Unable to complete operation for network ${networkId}. The IP address ${wanted.ipAddress} is in use.`,
      );
    }
    return { subnetId: subnet.id, ipAddress: wanted.ipAddress };
  }
  const candidates =
    wanted.subnetId === undefined ? subnets : subnets.filter((s) => s.id === wanted.subnetId);
  for (const subnet of candidates) {
    await lockSubnet(tx, subnet.id);
    const address = await firstFree(tx, subnet);
    if (address) return { subnetId: subnet.id, ipAddress: address };
  }
  throw conflict("IpAddressGenerationFailure", `No more IP addresses available on network ${networkId}.`);
}

/** Creates a port with addresses inside the caller's transaction; the allocation's primary key forbids doubles. */
export async function createDevicePort(tx: Tx, spec: DevicePortSpec): Promise<PortWithIps> {
  const subnets = await tx.subnet.findMany({
    where: { networkId: spec.networkId },
    orderBy: [{ ipVersion: "asc" }, { createdAt: "asc" }],
  });
  // A network without subnets gives an addressless port (upstream's gateway on a bare external network).
  const wanted = spec.fixedIps.length > 0 ? spec.fixedIps : subnets.length > 0 ? [{}] : [];
  const addresses: Array<{ subnetId: string; ipAddress: string }> = [];
  for (const want of wanted) addresses.push(await allocate(tx, spec.networkId, subnets, want));
  const id = randomUUID();
  await tx.port.create({
    data: {
      id,
      networkId: spec.networkId,
      projectId: spec.projectId,
      macAddress: newMac(),
      deviceOwner: spec.deviceOwner,
      deviceId: spec.deviceId,
      // Router and floating IP ports carry no guest traffic filters.
      portSecurityEnabled: false,
      fixedIps: { create: addresses.map((a) => ({ ...a, networkId: spec.networkId })) },
    },
  });
  return tx.port.findUniqueOrThrow({ where: { id }, include: { fixedIps: true } });
}
