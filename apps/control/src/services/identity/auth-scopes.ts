import { ZenithError } from "@zenith/core/errors";
import type { Domain, Project } from "@zenith/db/generated";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "./auth-context.ts";
import type { CatalogEntry, CatalogService } from "./catalog.ts";
import type { IdentityDeps } from "./deps.ts";
import { effectiveRoles, SYSTEM_TARGET_ID, targetIdsWithRoles } from "./effective-roles.ts";

/** `/v3/auth/*`: what the caller's token could be scoped to, and its catalog. */
export class AuthScopeService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly catalog: CatalogService,
  ) {}

  async projects(ctx: AuthContext): Promise<Project[]> {
    authorize(ctx, "identity:get_auth_projects");
    const ids = await targetIdsWithRoles(this.deps.prisma, ctx.user.id, "project");
    return this.deps.prisma.project.findMany({
      where: { id: { in: ids }, enabled: true, domain: { enabled: true } },
      orderBy: { name: "asc" },
    });
  }

  async domains(ctx: AuthContext): Promise<Domain[]> {
    authorize(ctx, "identity:get_auth_domains");
    const ids = await targetIdsWithRoles(this.deps.prisma, ctx.user.id, "domain");
    return this.deps.prisma.domain.findMany({
      where: { id: { in: ids }, enabled: true },
      orderBy: { name: "asc" },
    });
  }

  async system(ctx: AuthContext): Promise<boolean> {
    authorize(ctx, "identity:get_auth_system");
    const roles = await effectiveRoles(this.deps.prisma, ctx.user.id, "system", SYSTEM_TARGET_ID);
    return roles.length > 0;
  }

  /** Keystone refuses the catalog to unscoped tokens. */
  async catalogFor(ctx: AuthContext): Promise<CatalogEntry[]> {
    authorize(ctx, "identity:get_auth_catalog");
    if (ctx.scope.type === "unscoped") {
      throw new ZenithError("FORBIDDEN", "A scoped token is required to read the service catalog.");
    }
    return this.catalog.forScope(ctx.scope);
  }
}
