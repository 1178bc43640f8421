import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@zenith/db/client";
import { TX_OPTIONS } from "./deps.ts";

export const DEFAULT_SECURITY_GROUP_NAME = "default";

/**
 * Upstream's rules of a project's `default` group: ingress from members of
 * the same group and egress anywhere, for IPv4 and IPv6.
 */
function defaultRules(groupId: string, projectId: string) {
  return (["IPv4", "IPv6"] as const).flatMap((ethertype) => [
    {
      id: randomUUID(),
      securityGroupId: groupId,
      projectId,
      direction: "ingress",
      ethertype,
      remoteGroupId: groupId,
    },
    { id: randomUUID(), securityGroupId: groupId, projectId, direction: "egress", ethertype },
  ]);
}

/**
 * The project's `default` security group, created on first need (a port
 * without explicit groups, or a list of the project's groups) as Neutron
 * does. The `default_security_group` row (one per project) settles races:
 * of two concurrent callers, the one whose row went in keeps its group, the
 * other removes its own and uses the winner's.
 */
export async function ensureDefaultSecurityGroup(prisma: PrismaClient, projectId: string): Promise<string> {
  const existing = await prisma.defaultSecurityGroup.findUnique({ where: { projectId } });
  if (existing) return existing.securityGroupId;
  return prisma.$transaction(async (tx) => {
    const groupId = randomUUID();
    await tx.securityGroup.create({
      data: {
        id: groupId,
        projectId,
        name: DEFAULT_SECURITY_GROUP_NAME,
        description: "Default security group",
      },
    });
    await tx.securityGroupRule.createMany({ data: defaultRules(groupId, projectId) });
    const claimed = await tx.$queryRaw<Array<{ security_group_id: string }>>`
      INSERT INTO default_security_group (project_id, security_group_id)
      VALUES (${projectId}, ${groupId})
      ON CONFLICT (project_id) DO NOTHING
      RETURNING security_group_id`;
    if (claimed.length === 1) return groupId;
    await tx.securityGroup.delete({ where: { id: groupId } });
    const winner = await tx.defaultSecurityGroup.findUniqueOrThrow({ where: { projectId } });
    return winner.securityGroupId;
  }, TX_OPTIONS);
}
