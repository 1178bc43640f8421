import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { isUniqueViolation } from "../l3/prisma-errors.ts";
import type { Ethertype } from "./rule-values.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const DEFAULT_GROUP_NAME = "default";

/** Rules every new group starts with: all egress, both families (upstream's create_security_group). */
export function egressRules(groupId: string, projectId: string): Prisma.SecurityGroupRuleCreateManyInput[] {
  return (["IPv4", "IPv6"] as Ethertype[]).map((ethertype) => ({
    id: randomUUID(),
    securityGroupId: groupId,
    projectId,
    direction: "egress",
    ethertype,
  }));
}

/** The default group also lets in whatever comes from its own members. */
function defaultRules(groupId: string, projectId: string): Prisma.SecurityGroupRuleCreateManyInput[] {
  const ingress = (["IPv4", "IPv6"] as Ethertype[]).map((ethertype) => ({
    id: randomUUID(),
    securityGroupId: groupId,
    projectId,
    direction: "ingress",
    ethertype,
    remoteGroupId: groupId,
  }));
  return [...ingress, ...egressRules(groupId, projectId)];
}

/**
 * The project's `default` group, created on first need as Neutron does
 * (its first list, port or group call). Races are settled by the
 * default_security_group primary key: the loser reads the winner's group.
 * Not counted against the security_group quota, as upstream.
 */
export async function ensureDefaultGroup(prisma: PrismaClient, projectId: string): Promise<string> {
  const existing = await prisma.defaultSecurityGroup.findUnique({ where: { projectId } });
  if (existing) return existing.securityGroupId;
  try {
    return await prisma.$transaction(async (tx) => createDefaultGroup(tx, projectId));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await prisma.defaultSecurityGroup.findUniqueOrThrow({ where: { projectId } });
    return winner.securityGroupId;
  }
}

async function createDefaultGroup(tx: Db, projectId: string): Promise<string> {
  const id = randomUUID();
  await tx.securityGroup.create({
    data: { id, projectId, name: DEFAULT_GROUP_NAME, description: "Default security group" },
  });
  await tx.defaultSecurityGroup.create({ data: { projectId, securityGroupId: id } });
  await tx.securityGroupRule.createMany({ data: defaultRules(id, projectId) });
  return id;
}
