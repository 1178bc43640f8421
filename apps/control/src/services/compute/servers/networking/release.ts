import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ComputeNeutron, NetworkChangeNotifier } from "./neutron.ts";

export interface ReleaseDeps {
  prisma: PrismaClient;
  logger: Logger;
  neutron: ComputeNeutron;
  notifier: NetworkChangeNotifier;
}

/**
 * Nova's deallocate_for_instance: the ports Nova created for the instance
 * are deleted (their floating IPs come off with them); ports the user
 * brought are only unbound (device_id, owner and host cleared) and keep
 * their addresses. Each port is handled on its own: one failure is logged
 * and does not keep the others.
 */
export async function releaseInstancePorts(
  deps: ReleaseDeps,
  instanceId: string,
  opts: { only?: string } = {},
): Promise<void> {
  const { prisma, neutron, logger } = deps;
  const ports = await prisma.port.findMany({
    where: {
      deviceId: instanceId,
      deviceOwner: { startsWith: "compute:" },
      ...(opts.only === undefined ? {} : { id: opts.only }),
    },
    select: {
      id: true,
      bindingHost: true,
      instanceInterface: { select: { preserveOnDelete: true } },
      _count: { select: { associatedFips: true } },
    },
  });
  if (ports.length === 0) return;
  const hosts = new Set<string>();
  // A floating IP's NAT lives on its router's host, which may be any: then all hosts are told.
  const natChanged = ports.some((p) => p._count.associatedFips > 0 && !p.instanceInterface?.preserveOnDelete);
  for (const port of ports) {
    if (port.bindingHost) hosts.add(port.bindingHost);
    try {
      if (port.instanceInterface?.preserveOnDelete) {
        await prisma.instanceInterface.deleteMany({ where: { portId: port.id } });
        await neutron.bindPort(port.id, null);
      } else {
        await neutron.deletePort(port.id);
      }
    } catch (err) {
      logger.error({ err, instanceId, portId: port.id }, "could not release a port of a deleted instance");
    }
  }
  logger.info({ instanceId, ports: ports.map((p) => p.id) }, "instance ports released");
  deps.notifier.networkChanged(natChanged ? undefined : [...hosts]);
}
