import { randomUUID } from "node:crypto";
import type { Tx } from "./deps.ts";
import { allocateAny } from "./ipam.ts";
import { freeMac } from "./mac.ts";
import { insertPort } from "./port-store.ts";
import { DEVICE_OWNER } from "./records.ts";

/** The device id of a DHCP port no network host serves yet (upstream's reserved_dhcp_port). */
export const RESERVED_DHCP_DEVICE_ID = "reserved_dhcp_port";

/**
 * Keeps a network's `network:dhcp` port in step with its subnets: created
 * with the network's first DHCP-enabled subnet, holding one address of
 * each DHCP-enabled subnet, removed when none is left. `binding:host_id`
 * stays empty: the network hub picks the host that serves DHCP.
 */
export async function syncDhcpPort(tx: Tx, networkId: string): Promise<void> {
  const network = await tx.network.findUnique({ where: { id: networkId }, select: { projectId: true } });
  if (!network) return;
  const dhcpSubnets = await tx.subnet.findMany({
    where: { networkId, enableDhcp: true },
    orderBy: { createdAt: "asc" },
  });
  const port = await tx.port.findFirst({
    where: { networkId, deviceOwner: DEVICE_OWNER.dhcp },
    include: { fixedIps: { select: { subnetId: true } } },
  });
  if (!port) {
    if (dhcpSubnets.length === 0) return;
    await insertPort(
      tx,
      {
        id: randomUUID(),
        networkId,
        projectId: network.projectId,
        macAddress: await freeMac(tx, networkId),
        deviceOwner: DEVICE_OWNER.dhcp,
        deviceId: RESERVED_DHCP_DEVICE_ID,
        // DHCP ports are trusted (device_owner network:*): no security groups, as upstream.
        portSecurityEnabled: false,
      },
      dhcpSubnets.map((subnet) => ({ subnet })),
      [],
    );
    return;
  }
  if (dhcpSubnets.length === 0) {
    await tx.port.delete({ where: { id: port.id } });
    return;
  }
  const held = new Set(port.fixedIps.map((ip) => ip.subnetId));
  const wanted = new Set(dhcpSubnets.map((s) => s.id));
  const missing = dhcpSubnets.filter((s) => !held.has(s.id));
  const extra = [...held].filter((id) => !wanted.has(id));
  if (missing.length === 0 && extra.length === 0) return;
  for (const subnet of missing) await allocateAny(tx, subnet, port.id);
  if (extra.length > 0)
    await tx.ipAllocation.deleteMany({ where: { portId: port.id, subnetId: { in: extra } } });
  await tx.port.update({
    where: { id: port.id },
    data: { generation: { increment: 1 }, revisionNumber: { increment: 1 } },
  });
}
