import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import type { IpAllocation, Port, Subnet } from "@zenith/db/generated";
import { freeMac } from "../mac.ts";
import { type AddressRequest, insertPort } from "../port-store.ts";
import { cidrContains } from "./cidr.ts";
import { invalid, notFound } from "./faults.ts";

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

/** Is `address` a bare address inside the subnet's CIDR? */
export function inSubnet(subnet: Subnet, address: string): boolean {
  return cidrContains(subnet.cidr, address);
}

function addressRequest(
  subnets: Subnet[],
  networkId: string,
  want: DevicePortSpec["fixedIps"][number],
): AddressRequest {
  if (want.subnetId !== undefined) {
    const subnet = subnets.find((s) => s.id === want.subnetId);
    if (!subnet) throw notFound("SubnetNotFound", `Subnet ${want.subnetId} could not be found.`);
    return { subnet, ipAddress: want.ipAddress };
  }
  if (want.ipAddress !== undefined) {
    const address = want.ipAddress;
    const subnet = subnets.find((s) => inSubnet(s, address));
    if (!subnet) {
      throw invalid(
        "InvalidIpForNetwork",
        `IP address ${address} is not a valid IP for any of the subnets on the specified network ${networkId}.`,
      );
    }
    return { subnet, ipAddress: address };
  }
  return { anyOf: subnets };
}

/**
 * Creates a port with addresses inside the caller's transaction, through
 * the core API's IPAM (so no address is handed out twice).
 */
export async function createDevicePort(tx: Tx, spec: DevicePortSpec): Promise<PortWithIps> {
  const subnets = await tx.subnet.findMany({
    where: { networkId: spec.networkId },
    orderBy: [{ ipVersion: "asc" }, { createdAt: "asc" }],
  });
  // A network without subnets gives an addressless port (upstream's gateway on a bare external network).
  const wanted = spec.fixedIps.length > 0 ? spec.fixedIps : subnets.length > 0 ? [{}] : [];
  const id = randomUUID();
  await insertPort(
    tx,
    {
      id,
      networkId: spec.networkId,
      projectId: spec.projectId,
      macAddress: await freeMac(tx, spec.networkId),
      deviceOwner: spec.deviceOwner,
      deviceId: spec.deviceId,
      // Router and floating IP ports are trusted (network:*): no security groups, as upstream.
      portSecurityEnabled: false,
    },
    wanted.map((want) => addressRequest(subnets, spec.networkId, want)),
    [],
  );
  return tx.port.findUniqueOrThrow({ where: { id }, include: { fixedIps: true } });
}
