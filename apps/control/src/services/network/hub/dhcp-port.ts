import type { PrismaClient } from "@zenith/db/client";
import { TX_OPTIONS } from "../deps.ts";
import { syncDhcpPort } from "../dhcp-port.ts";
import { OWNER } from "./snapshot.ts";

/** Makes sure a network has its network:dhcp port and binds it to `host`; returns the port's id. */
export type DhcpPortFactory = (networkId: string, host: { id: string; host: string }) => Promise<string>;

/** Upstream's device id of a DHCP port an agent serves: "dhcp<host id>-<network id>". */
export const dhcpDeviceId = (hostId: string, networkId: string): string => `dhcp${hostId}-${networkId}`;

/**
 * The Network API keeps each network's DHCP port in step with its subnets
 * (syncDhcpPort, with its IPAM); the hub only calls it when a port is
 * missing (a network from before that upkeep), then binds the port.
 */
export function coreDhcpPortFactory(prisma: PrismaClient): DhcpPortFactory {
  return (networkId, host) =>
    prisma.$transaction(async (tx) => {
      await syncDhcpPort(tx, networkId);
      const port = await tx.port.findFirst({
        where: { networkId, deviceOwner: OWNER.dhcp },
        select: { id: true },
      });
      if (!port) throw new Error(`network ${networkId} has no DHCP-enabled subnet any more`);
      await tx.port.update({
        where: { id: port.id },
        data: { bindingHost: host.host, deviceId: dhcpDeviceId(host.id, networkId), vifType: "bridge" },
      });
      return port.id;
    }, TX_OPTIONS);
}
