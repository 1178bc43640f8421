import type { Prisma, PrismaClient } from "@zenith/db/client";

import { isNetworkHostAlive } from "../hub/liveness.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** One liveness rule for network hosts (the hub's: agents' `alive`, VXLAN peers, DHCP placement). */
function isLive(host: { adminStateUp: boolean; lastHeartbeat: Date | null }, now: Date): boolean {
  return host.adminStateUp && isNetworkHostAlive(host, now);
}

/**
 * Neutron's L3 scheduler, reduced: a router goes to a live network host
 * that bridges its external network's physical network (any live host for
 * a router without gateway, or with a gateway on a non-flat network), the
 * one carrying the fewest routers. Keeps the current host while it still
 * qualifies, so routers do not move needlessly. Returns the host or null.
 */
export async function scheduleRouter(db: Db, routerId: string, now = new Date()): Promise<string | null> {
  const router = await db.router.findUnique({ where: { id: routerId } });
  if (!router) return null;
  const physnet = router.gatewayNetworkId
    ? ((await db.network.findUnique({ where: { id: router.gatewayNetworkId } }))?.physicalNetwork ?? null)
    : null;
  const eligible = (await db.networkHost.findMany({ orderBy: { host: "asc" } })).filter(
    (h) => isLive(h, now) && (physnet === null || h.physnets.includes(physnet)),
  );
  // As for DHCP: a fake host routes no real guest's packets, so linux hosts first.
  const real = eligible.filter((h) => h.driver === "linux");
  const candidates = real.length > 0 ? real : eligible;
  let chosen: string | null = null;
  if (router.host && candidates.some((h) => h.host === router.host)) {
    chosen = router.host;
  } else if (candidates.length > 0) {
    const load = await db.router.groupBy({
      by: ["host"],
      where: { host: { in: candidates.map((h) => h.host) } },
      _count: { _all: true },
    });
    const count = (host: string) => load.find((l) => l.host === host)?._count._all ?? 0;
    chosen = candidates.reduce((best, h) => (count(h.host) < count(best.host) ? h : best)).host;
  }
  if (chosen !== router.host) {
    await db.router.update({ where: { id: routerId }, data: { host: chosen, generation: { increment: 1 } } });
  }
  return chosen;
}

/**
 * Places every router again: for the hub to call when a network host
 * comes, goes or changes its physical networks. Returns the routers whose
 * host changed.
 */
export async function rescheduleRouters(db: Db, now = new Date()): Promise<string[]> {
  const routers = await db.router.findMany({
    select: { id: true, host: true },
    orderBy: { createdAt: "asc" },
  });
  const moved: string[] = [];
  for (const router of routers) {
    if ((await scheduleRouter(db, router.id, now)) !== router.host) moved.push(router.id);
  }
  return moved;
}
