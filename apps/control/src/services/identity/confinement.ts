import type { IdentityDeps } from "./deps.ts";
import { actorFilter, groupIdsOfUser } from "./effective-roles.ts";

/**
 * Domain admins manage what is confined to their domain. These helpers say
 * which domain an identity change is confined to, or `undefined` when it
 * reaches beyond one domain (the system, the cloud-admin project, another
 * domain): then only cloud-wide policy rules can allow it.
 */

/** Whether a project is the configured cloud-admin project (Keystone's admin_project). */
export async function isAdminProject(deps: IdentityDeps, projectId: string): Promise<boolean> {
  const project = await deps.prisma.project.findUnique({
    where: { id: projectId },
    include: { domain: true },
  });
  const ref = deps.config.adminProject;
  return project !== null && project.name === ref.name && project.domain.name === ref.domainName;
}

/** The domain of a grant target, unless the grant reaches beyond it. */
export async function grantTargetDomain(
  deps: IdentityDeps,
  target: { type: "project" | "domain" | "system"; id: string; domainId: string },
): Promise<string | undefined> {
  if (target.type === "system") return undefined;
  if (target.type === "project" && (await isAdminProject(deps, target.id))) return undefined;
  return target.domainId;
}

/**
 * The domain an actor's roles are confined to: its own domain when every
 * role it holds (directly, and for users through groups) lies inside it.
 * Changing such an actor (password, membership) cannot reach beyond the domain.
 */
export async function actorConfinedDomain(
  deps: IdentityDeps,
  actor: { type: "user" | "group"; id: string; domainId: string },
): Promise<string | undefined> {
  const { prisma } = deps;
  const where =
    actor.type === "user"
      ? { OR: actorFilter(actor.id, await groupIdsOfUser(prisma, actor.id)) }
      : { actorType: "group" as const, actorId: actor.id };
  const rows = await prisma.roleAssignment.findMany({
    where,
    select: { targetType: true, targetId: true },
    distinct: ["targetType", "targetId"],
  });
  for (const row of rows) {
    const reach = await grantTargetDomain(deps, {
      type: row.targetType,
      id: row.targetId,
      domainId: row.targetType === "domain" ? row.targetId : await projectDomain(deps, row.targetId),
    });
    if (reach !== actor.domainId) return undefined;
  }
  return actor.domainId;
}

async function projectDomain(deps: IdentityDeps, projectId: string): Promise<string> {
  const project = await deps.prisma.project.findUnique({
    where: { id: projectId },
    select: { domainId: true },
  });
  return project?.domainId ?? "";
}
