import type { PrismaClient } from "@zenith/db/client";
import type { NamedRef } from "./auth-context.ts";
import { impliedRoleNames } from "./implied-roles.ts";

export type GrantTargetType = "project" | "domain" | "system";

/** The system scope is stored with target id "all". */
export const SYSTEM_TARGET_ID = "all";

export async function groupIdsOfUser(prisma: PrismaClient, userId: string): Promise<string[]> {
  const rows = await prisma.groupMembership.findMany({ where: { userId }, select: { groupId: true } });
  return rows.map((r) => r.groupId);
}

/** `where` clause for assignments held by a user directly or through its groups. */
export function actorFilter(userId: string, groupIds: string[]) {
  return [
    { actorType: "user" as const, actorId: userId },
    ...(groupIds.length > 0 ? [{ actorType: "group" as const, actorId: { in: groupIds } }] : []),
  ];
}

/** Adds the roles that `roles` imply (admin → member → reader), sorted by name. */
export async function withImpliedRoles(prisma: PrismaClient, roles: NamedRef[]): Promise<NamedRef[]> {
  const implied = impliedRoleNames(roles.map((r) => r.name));
  const byId = new Map(roles.map((r) => [r.id, r]));
  if (implied.length > 0) {
    const rows = await prisma.role.findMany({
      where: { name: { in: implied } },
      select: { id: true, name: true },
    });
    for (const row of rows) byId.set(row.id, row);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Roles a user holds on a target: direct, through groups, and implied. */
export async function effectiveRoles(
  prisma: PrismaClient,
  userId: string,
  targetType: GrantTargetType,
  targetId: string,
): Promise<NamedRef[]> {
  const groupIds = await groupIdsOfUser(prisma, userId);
  const rows = await prisma.roleAssignment.findMany({
    where: { targetType, targetId, OR: actorFilter(userId, groupIds) },
    select: { role: { select: { id: true, name: true } } },
  });
  const direct = new Map(rows.map((r) => [r.role.id, r.role]));
  return withImpliedRoles(prisma, [...direct.values()]);
}

/** Ids of targets of one type on which the user holds any role. */
export async function targetIdsWithRoles(
  prisma: PrismaClient,
  userId: string,
  targetType: GrantTargetType,
): Promise<string[]> {
  const groupIds = await groupIdsOfUser(prisma, userId);
  const rows = await prisma.roleAssignment.findMany({
    where: { targetType, OR: actorFilter(userId, groupIds) },
    select: { targetId: true },
    distinct: ["targetId"],
  });
  return rows.map((r) => r.targetId);
}
