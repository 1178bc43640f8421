import { ZenithError } from "@zenith/core/errors";
import type { Role } from "@zenith/db/generated";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "./auth-context.ts";
import { grantTargetDomain } from "./confinement.ts";
import type { IdentityDeps } from "./deps.ts";
import { type GrantTargetType, SYSTEM_TARGET_ID } from "./effective-roles.ts";
import { notFound } from "./errors.ts";

/** One role grant path: `/v3/{projects|domains|system}/{t}/{users|groups}/{a}/roles/{r}`. */
export interface GrantRef {
  targetType: GrantTargetType;
  targetId: string;
  actorType: "user" | "group";
  actorId: string;
}

export class GrantService {
  constructor(private readonly deps: IdentityDeps) {}

  async grant(ctx: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    const domainId = await this.resolve(ref);
    authorize(ctx, "identity:create_grant", { domainId });
    await this.requireRole(roleId);
    const key = { ...ref, roleId, inherited: false };
    await this.deps.prisma.roleAssignment.upsert({
      where: { actorType_actorId_targetType_targetId_roleId_inherited: key },
      create: key,
      update: {},
    });
    this.deps.tokenCache.invalidateAll();
  }

  async check(ctx: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    const domainId = await this.resolve(ref);
    authorize(ctx, "identity:check_grant", { domainId });
    await this.requireRole(roleId);
    const row = await this.deps.prisma.roleAssignment.findUnique({
      where: { actorType_actorId_targetType_targetId_roleId_inherited: { ...ref, roleId, inherited: false } },
    });
    if (!row) throw new ZenithError("NOT_FOUND", `Could not find role assignment with role: ${roleId}.`);
  }

  async list(ctx: AuthContext, ref: GrantRef): Promise<Role[]> {
    const domainId = await this.resolve(ref);
    authorize(ctx, "identity:list_grants", { domainId });
    const rows = await this.deps.prisma.roleAssignment.findMany({
      where: { ...ref, inherited: false },
      include: { role: true },
    });
    return rows.map((r) => r.role).sort((a, b) => a.name.localeCompare(b.name));
  }

  async revoke(ctx: AuthContext, ref: GrantRef, roleId: string): Promise<void> {
    await this.check(ctx, ref, roleId);
    authorize(ctx, "identity:revoke_grant", { domainId: await this.resolve(ref) });
    await this.deps.prisma.roleAssignment.delete({
      where: { actorType_actorId_targetType_targetId_roleId_inherited: { ...ref, roleId, inherited: false } },
    });
    this.deps.tokenCache.invalidateAll();
  }

  /**
   * Checks target and actor exist; returns the domain the grant is confined
   * to (target and actor both in it, the target neither the system nor the
   * cloud-admin project), or undefined when it reaches beyond one domain.
   */
  private async resolve(ref: GrantRef): Promise<string | undefined> {
    const { prisma } = this.deps;
    let domainId = "";
    if (ref.targetType === "project") {
      const project = await prisma.project.findUnique({ where: { id: ref.targetId } });
      if (!project) throw notFound("project", ref.targetId);
      domainId = project.domainId;
    } else if (ref.targetType === "domain") {
      if (!(await prisma.domain.findUnique({ where: { id: ref.targetId } })))
        throw notFound("domain", ref.targetId);
      domainId = ref.targetId;
    } else if (ref.targetId !== SYSTEM_TARGET_ID) {
      throw notFound("system", ref.targetId);
    }
    const actor =
      ref.actorType === "user"
        ? await prisma.user.findUnique({ where: { id: ref.actorId } })
        : await prisma.group.findUnique({ where: { id: ref.actorId } });
    if (!actor) throw notFound(ref.actorType, ref.actorId);
    const reach = await grantTargetDomain(this.deps, { type: ref.targetType, id: ref.targetId, domainId });
    return reach !== undefined && actor.domainId === reach ? reach : undefined;
  }

  private async requireRole(id: string): Promise<void> {
    if (!(await this.deps.prisma.role.findUnique({ where: { id } }))) throw notFound("role", id);
  }
}
