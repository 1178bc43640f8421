import type { AppliedState, NetworkDesired } from "@zenith/agent-protocol/network";
import type { PrismaClient } from "@zenith/db/client";
import { OWNER } from "./snapshot.ts";

/** What was last sent to a host: DHCP and router generations are digests only the sender knows. */
export interface SentState {
  dhcp: Map<string, { generation: number; portId: string }>;
  routers: Map<string, number>;
}

export function sentStateOf(desired: NetworkDesired): SentState {
  return {
    dhcp: new Map(desired.dhcp.map((d) => [d.networkId, { generation: d.generation, portId: d.port.id }])),
    routers: new Map(desired.routers.map((r) => [r.id, r.generation])),
  };
}

/**
 * Applies what a host reports as applied. Ports bound to it: ACTIVE (with
 * `wiredGeneration`) once wired at their current generation, DOWN when it
 * no longer reports them (a port wired at an older generation keeps its
 * status while the agent catches up). DHCP and router ports, and the
 * floating IPs of a router, follow whether the host applied what was last
 * sent. Returns the instances some of whose ports became ACTIVE.
 */
export async function applyReport(
  prisma: PrismaClient,
  host: string,
  applied: AppliedState,
  sent: SentState,
): Promise<string[]> {
  const activated = await applyPorts(prisma, host, applied);
  await applyDhcp(prisma, host, applied, sent);
  await applyRouters(prisma, host, applied, sent);
  return activated;
}

async function applyPorts(prisma: PrismaClient, host: string, applied: AppliedState): Promise<string[]> {
  const reported = new Map(applied.ports.map((p) => [p.id, p.generation]));
  const ports = await prisma.port.findMany({
    where: { bindingHost: host, deviceOwner: { startsWith: OWNER.computePrefix } },
    select: { id: true, generation: true, wiredGeneration: true, status: true, deviceId: true },
  });
  const activated: string[] = [];
  const down: string[] = [];
  for (const p of ports) {
    const gen = reported.get(p.id);
    if (gen === undefined) {
      if (p.status === "ACTIVE") down.push(p.id);
      continue;
    }
    if (gen !== p.generation || (p.status === "ACTIVE" && p.wiredGeneration === gen)) continue;
    // Conditional on the generation: a change made since the read is not marked wired.
    const { count } = await prisma.port.updateMany({
      where: { id: p.id, bindingHost: host, generation: gen },
      data: { status: "ACTIVE", wiredGeneration: gen },
    });
    if (count > 0 && p.status !== "ACTIVE") activated.push(p.deviceId);
  }
  if (down.length > 0) {
    await prisma.port.updateMany({
      where: { id: { in: down }, bindingHost: host },
      data: { status: "DOWN" },
    });
  }
  return activated;
}

async function applyDhcp(prisma: PrismaClient, host: string, applied: AppliedState, sent: SentState) {
  const reported = new Map(applied.dhcp.map((d) => [d.networkId, d.generation]));
  const up: string[] = [];
  const down: string[] = [];
  for (const [networkId, { generation, portId }] of sent.dhcp) {
    const gen = reported.get(networkId);
    if (gen === generation) up.push(portId);
    else if (gen === undefined) down.push(portId);
  }
  await setStatus(prisma, { id: { in: up }, bindingHost: host }, "ACTIVE");
  await setStatus(prisma, { id: { in: down }, bindingHost: host }, "DOWN");
}

async function applyRouters(prisma: PrismaClient, host: string, applied: AppliedState, sent: SentState) {
  const reported = new Map(applied.routers.map((r) => [r.id, r.generation]));
  const up: string[] = [];
  const down: string[] = [];
  for (const [routerId, generation] of sent.routers) {
    const gen = reported.get(routerId);
    if (gen === generation) up.push(routerId);
    else if (gen === undefined) down.push(routerId);
  }
  // Only routers still placed here: one moved away since is its new host's to report.
  const here = { host };
  const routerPorts = (ids: string[]) => ({
    deviceId: { in: ids },
    deviceOwner: { in: [OWNER.routerGateway, OWNER.routerInterface] },
  });
  const upHere = (
    await prisma.router.findMany({ where: { id: { in: up }, ...here }, select: { id: true } })
  ).map((r) => r.id);
  const downHere = (
    await prisma.router.findMany({ where: { id: { in: down }, ...here }, select: { id: true } })
  ).map((r) => r.id);
  await setStatus(prisma, routerPorts(upHere), "ACTIVE");
  await setStatus(prisma, routerPorts(downHere), "DOWN");
  if (upHere.length > 0) {
    await prisma.floatingIp.updateMany({
      where: { routerId: { in: upHere }, portId: { not: null }, status: { not: "ACTIVE" } },
      data: { status: "ACTIVE" },
    });
  }
  const notServing = [...upHere, ...downHere];
  if (notServing.length > 0) {
    await prisma.floatingIp.updateMany({
      where: {
        routerId: { in: notServing },
        status: { not: "DOWN" },
        OR: [{ portId: null }, { routerId: { in: downHere } }],
      },
      data: { status: "DOWN" },
    });
  }
}

async function setStatus(
  prisma: PrismaClient,
  where: {
    id?: { in: string[] };
    deviceId?: { in: string[] };
    bindingHost?: string;
    deviceOwner?: { in: string[] };
  },
  status: "ACTIVE" | "DOWN",
): Promise<void> {
  const ids = where.id?.in ?? where.deviceId?.in ?? [];
  if (ids.length === 0) return;
  await prisma.port.updateMany({ where: { ...where, status: { not: status } }, data: { status } });
}
