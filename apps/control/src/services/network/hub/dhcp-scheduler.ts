import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { type DhcpPortFactory, dhcpDeviceId } from "./dhcp-port.ts";
import { isNetworkHostAlive } from "./liveness.ts";
import { OWNER } from "./snapshot.ts";

/**
 * Places each network that has a DHCP-enabled subnet on one network host:
 * its network:dhcp port's binding host. A port without a live host (new,
 * or its host down past the liveness window) goes to the live host serving
 * the fewest networks, among those whose DHCP agent is administratively up
 * and that bridge the network's physical network if it is flat. Hosts with
 * the linux driver come first (a fake host's DHCP reaches no real guest):
 * a network served by a fake host moves once a linux host is up. Returns
 * true when something moved.
 */
export async function scheduleDhcp(
  prisma: PrismaClient,
  logger: Logger,
  createPort: DhcpPortFactory,
  now = new Date(),
): Promise<boolean> {
  const networks = await prisma.network.findMany({
    where: { subnets: { some: { enableDhcp: true } } },
    select: {
      id: true,
      networkType: true,
      physicalNetwork: true,
      ports: {
        where: { deviceOwner: OWNER.dhcp },
        select: { id: true, bindingHost: true },
        orderBy: { id: "asc" },
      },
    },
    orderBy: { id: "asc" },
  });
  if (networks.length === 0) return false;
  const hosts = await prisma.networkHost.findMany({
    include: { agents: { where: { agentType: "DHCP agent" }, select: { adminStateUp: true } } },
    orderBy: { host: "asc" },
  });
  const alive = new Set(hosts.filter((h) => isNetworkHostAlive(h, now)).map((h) => h.host));
  const load = new Map<string, number>();
  for (const net of networks) {
    for (const p of net.ports)
      if (alive.has(p.bindingHost)) load.set(p.bindingHost, (load.get(p.bindingHost) ?? 0) + 1);
  }
  let moved = false;
  const driverOf = new Map(hosts.map((h) => [h.host, h.driver]));
  for (const net of networks) {
    const port = net.ports[0];
    const eligible = hosts.filter(
      (h) =>
        alive.has(h.host) &&
        (h.agents[0]?.adminStateUp ?? false) &&
        (net.networkType !== "flat" ||
          (net.physicalNetwork !== null && h.physnets.includes(net.physicalNetwork))),
    );
    // Real guests need real DHCP: hosts with the linux driver first, fake ones only when no real one is up.
    const real = eligible.filter((h) => h.driver === "linux");
    const candidates = real.length > 0 ? real : eligible;
    const keep =
      port !== undefined &&
      alive.has(port.bindingHost) &&
      (driverOf.get(port.bindingHost) === "linux" || real.length === 0);
    if (keep) continue;
    const best = candidates.reduce<(typeof candidates)[number] | null>(
      (a, h) => (a === null || (load.get(h.host) ?? 0) < (load.get(a.host) ?? 0) ? h : a),
      null,
    );
    if (!best) continue;
    if (port && alive.has(port.bindingHost))
      load.set(port.bindingHost, (load.get(port.bindingHost) ?? 1) - 1);
    if (port) {
      // Conditional: a concurrent scheduling (another flush) of the same port wins once.
      const { count } = await prisma.port.updateMany({
        where: { id: port.id, bindingHost: port.bindingHost },
        data: {
          bindingHost: best.host,
          deviceId: dhcpDeviceId(best.id, net.id),
          vifType: "bridge",
          status: "DOWN",
        },
      });
      if (count === 0) continue;
      logger.info(
        { networkId: net.id, from: port.bindingHost || null, to: best.host },
        "DHCP of network (re)scheduled",
      );
    } else {
      let portId: string;
      try {
        portId = await createPort(net.id, best);
      } catch (err) {
        logger.error({ err, networkId: net.id }, "creating the DHCP port failed");
        continue;
      }
      logger.info({ networkId: net.id, host: best.host, portId }, "DHCP port created and scheduled");
    }
    load.set(best.host, (load.get(best.host) ?? 0) + 1);
    moved = true;
  }
  return moved;
}
