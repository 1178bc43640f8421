import type { Prisma, PrismaClient } from "@zenith/db/client";

/**
 * Which ports' agent-facing state changed. Each list is optional; a port
 * matching any of them has its generation bumped.
 */
export interface PortChange {
  /** These ports themselves changed (addresses, MAC, admin state, port security, groups, address pairs). */
  portIds?: readonly string[];
  /** The rules of these security groups changed: their member ports are bumped. */
  securityGroupIds?: readonly string[];
  /**
   * The members of these groups changed (a port joined or left, or a
   * member's addresses changed): ports whose rules name one of them as
   * remote group are bumped, since the addresses they admit changed.
   */
  remoteGroupIds?: readonly string[];
}

/**
 * Bumps the generation of every port `change` selects (the agent then
 * re-applies it and reports it wired at the new generation) and returns
 * the hosts they are bound to, for the publisher.
 */
export async function bumpPortGenerations(prisma: PrismaClient, change: PortChange): Promise<string[]> {
  const or: Prisma.PortWhereInput[] = [];
  if (change.portIds?.length) or.push({ id: { in: [...change.portIds] } });
  if (change.securityGroupIds?.length) {
    or.push({ securityGroups: { some: { securityGroupId: { in: [...change.securityGroupIds] } } } });
  }
  if (change.remoteGroupIds?.length) {
    or.push({
      securityGroups: {
        some: { securityGroup: { rules: { some: { remoteGroupId: { in: [...change.remoteGroupIds] } } } } },
      },
    });
  }
  if (or.length === 0) return [];
  const where: Prisma.PortWhereInput = { OR: or };
  await prisma.port.updateMany({ where, data: { generation: { increment: 1 } } });
  const hosts = await prisma.port.findMany({
    where: { ...where, bindingHost: { not: "" } },
    select: { bindingHost: true },
    distinct: ["bindingHost"],
  });
  return hosts.map((h) => h.bindingHost);
}
