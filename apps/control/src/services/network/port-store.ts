import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import { eui64, parseIp } from "./addresses.ts";
import type { Tx } from "./deps.ts";
import { ipAddressInUse, networkNotFound } from "./errors.ts";
import { allocateAny, allocateSpecific } from "./ipam.ts";
import { GATEWAY_OWNERS, type Subnet } from "./records.ts";
import { subnetCidr, usableRange } from "./subnet-rules.ts";

/**
 * One address a port asks for: any free one of a subnet, a given one, or
 * (a port that names no address) any free one of the first of `anyOf`
 * that has room, as upstream picks among a network's subnets.
 */
export type AddressRequest =
  | { subnet: Subnet; ipAddress?: string | undefined; anyOf?: undefined }
  | { anyOf: readonly Subnet[]; subnet?: undefined; ipAddress?: undefined };

/**
 * Holds the network for the rest of the transaction: a network delete
 * (which takes the row FOR UPDATE) cannot remove it under a port being
 * written, and a port cannot appear after the delete checked for ports.
 */
export async function holdNetwork(tx: Tx, networkId: string): Promise<void> {
  const rows = await tx.$queryRaw<
    Array<{ id: string }>
  >`SELECT id FROM network WHERE id = ${networkId} FOR SHARE`;
  if (rows.length === 0) throw networkNotFound(networkId);
}

/** IPv6 subnets whose hosts form their own addresses (SLAAC): a port's address there is its EUI-64. */
export function isAutoAddress(subnet: Subnet): boolean {
  return (
    subnet.ipVersion === 6 &&
    (subnet.ipv6AddressMode === "slaac" || subnet.ipv6AddressMode === "dhcpv6-stateless")
  );
}

/** Allocates the requested addresses to a port; the gateway address only to a router's port. */
export async function allocateAddresses(
  tx: Tx,
  port: { id: string; macAddress: string },
  deviceOwner: string,
  requests: readonly AddressRequest[],
): Promise<void> {
  const portId = port.id;
  for (const request of requests) {
    if (request.subnet === undefined) {
      await allocateFromFirst(tx, request.anyOf, portId);
      continue;
    }
    const { subnet } = request;
    const cidr = subnetCidr(subnet.cidr, subnet.ipVersion);
    const ipAddress =
      request.ipAddress === undefined && isAutoAddress(subnet)
        ? eui64(cidr, port.macAddress)
        : request.ipAddress;
    if (ipAddress === undefined) {
      await allocateAny(tx, subnet, portId);
      continue;
    }
    const wanted = parseIp(ipAddress).text;
    if (wanted === subnet.gatewayIp && !GATEWAY_OWNERS.includes(deviceOwner)) {
      throw ipAddressInUse(subnet.networkId, wanted);
    }
    await allocateSpecific(
      tx,
      subnet,
      wanted,
      portId,
      usableRange(subnetCidr(subnet.cidr, subnet.ipVersion)),
    );
  }
}

async function allocateFromFirst(tx: Tx, subnets: readonly Subnet[], portId: string): Promise<void> {
  let failure: unknown;
  for (const subnet of subnets) {
    try {
      await allocateAny(tx, subnet, portId);
      return;
    } catch (err) {
      // A full subnet (our own 409, no database error): the next one may have room.
      if (!(err instanceof ZenithError) || err.neutronType !== "IpAddressGenerationFailure") throw err;
      failure = err;
    }
  }
  if (failure) throw failure;
}

/** Writes a new port with its addresses and security groups, inside the caller's transaction. */
export async function insertPort(
  tx: Tx,
  row: Prisma.PortUncheckedCreateInput & { id: string; networkId: string; deviceOwner: string },
  addresses: readonly AddressRequest[],
  securityGroupIds: readonly string[],
): Promise<void> {
  await holdNetwork(tx, row.networkId);
  await tx.port.create({ data: row });
  await allocateAddresses(tx, { id: row.id, macAddress: row.macAddress }, row.deviceOwner, addresses);
  if (securityGroupIds.length > 0) {
    await tx.portSecurityGroup.createMany({
      data: securityGroupIds.map((securityGroupId) => ({ portId: row.id, securityGroupId })),
    });
  }
}
