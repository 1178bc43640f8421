import { randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "@zenith/db/client";
import { firstFreeV4 } from "./addresses.ts";
import { OWNER } from "./snapshot.ts";

/**
 * Makes the network:dhcp port of a network, bound to `host`, with one
 * address in each DHCP-enabled IPv4 subnet; returns its id. The Neutron
 * core's IPAM can take this over (NetworkHubDeps.createDhcpPort).
 */
export type DhcpPortFactory = (networkId: string, host: string) => Promise<string>;

/** Neutron's MAC prefix for ports it makes. */
const randomMac = (): string =>
  `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

const ATTEMPTS = 5;

/**
 * The default factory: the (subnet, address) primary key of ip_allocation
 * rejects an address taken concurrently; the whole port is then retried.
 */
export function defaultDhcpPortFactory(prisma: PrismaClient): DhcpPortFactory {
  return async (networkId, host) => {
    let lastError: unknown = null;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return await prisma.$transaction(async (tx) => {
          const net = await tx.network.findUniqueOrThrow({
            where: { id: networkId },
            include: { subnets: { where: { enableDhcp: true, ipVersion: 4 } } },
          });
          const id = randomUUID();
          await tx.port.create({
            data: {
              id,
              networkId,
              projectId: net.projectId,
              macAddress: randomMac(),
              deviceOwner: OWNER.dhcp,
              deviceId: `dhcp-${networkId}`,
              bindingHost: host,
              vifType: "bridge",
            },
          });
          for (const subnet of net.subnets) {
            const used = await tx.ipAllocation.findMany({
              where: { subnetId: subnet.id },
              select: { ipAddress: true },
            });
            const address = firstFreeV4(subnet, new Set(used.map((u) => u.ipAddress)));
            if (address === null) continue;
            await tx.ipAllocation.create({
              data: { subnetId: subnet.id, ipAddress: address, portId: id, networkId },
            });
          }
          return id;
        });
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  };
}
