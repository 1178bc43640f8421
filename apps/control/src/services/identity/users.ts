import { ZenithError } from "@zenith/core/errors";
import type { Group, Project, User } from "@zenith/db/generated";
import { hashSecret, verifySecret } from "../../crypto/secret-hash.ts";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import { type AuthContext, listDomainId } from "./auth-context.ts";
import { actorConfinedDomain } from "./confinement.ts";
import type { IdentityDeps } from "./deps.ts";
import { targetIdsWithRoles } from "./effective-roles.ts";
import { conflict, notFound, storeOrConflict, unauthorized } from "./errors.ts";
import { defaultDomainOf } from "./projects.ts";
import type { TokenService } from "./tokens.ts";

export interface UserInput {
  name: string;
  domainId?: string | undefined;
  password?: string | null | undefined;
  enabled?: boolean | undefined;
  email?: string | null | undefined;
  description?: string | null | undefined;
  defaultProjectId?: string | null | undefined;
  options?: Record<string, unknown> | undefined;
}

export type UserPatch = Partial<Omit<UserInput, "domainId">>;

export class UserService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly tokens: TokenService,
  ) {}

  async list(
    ctx: AuthContext,
    filter: { name?: string | undefined; domainId?: string | undefined; enabled?: boolean | undefined },
  ): Promise<User[]> {
    const domainId = listDomainId(ctx, filter.domainId);
    authorize(ctx, "identity:list_users", domainId ? { domainId } : {});
    return this.deps.prisma.user.findMany({
      where: { name: filter.name, domainId, enabled: filter.enabled },
      orderBy: { name: "asc" },
    });
  }

  async get(ctx: AuthContext, id: string): Promise<User> {
    const user = await this.deps.prisma.user.findUnique({ where: { id } });
    authorize(ctx, "identity:get_user", { userId: id, domainId: user?.domainId ?? "" });
    if (!user) throw notFound("user", id);
    return user;
  }

  async create(ctx: AuthContext, input: UserInput): Promise<User> {
    const { prisma, config } = this.deps;
    const domainId = input.domainId ?? defaultDomainOf(ctx);
    authorize(ctx, "identity:create_user", { domainId });
    if (!(await prisma.domain.findUnique({ where: { id: domainId } }))) {
      throw ZenithError.badRequest(`Could not find domain: ${domainId}.`);
    }
    if (
      input.defaultProjectId &&
      !(await prisma.project.findUnique({ where: { id: input.defaultProjectId } }))
    ) {
      throw ZenithError.badRequest(`Could not find project: ${input.defaultProjectId}.`);
    }
    const detail = `Duplicate entry found with name ${input.name} at domain ID ${domainId}`;
    if (await prisma.user.findUnique({ where: { domainId_name: { domainId, name: input.name } } })) {
      throw conflict("user", detail);
    }
    const passwordHash = input.password ? await hashSecret(input.password, config.scrypt) : null;
    return storeOrConflict("user", detail, () =>
      prisma.user.create({
        data: {
          id: newId(),
          name: input.name,
          domainId,
          passwordHash,
          enabled: input.enabled ?? true,
          email: input.email ?? null,
          description: input.description ?? "",
          defaultProjectId: input.defaultProjectId ?? null,
          options: jsonObject(input.options ?? {}),
        },
      }),
    );
  }

  async update(ctx: AuthContext, id: string, patch: UserPatch): Promise<User> {
    const existing = await this.requireFor(ctx, "identity:update_user", id);
    const passwordHash =
      patch.password === undefined
        ? undefined
        : patch.password === null
          ? null
          : await hashSecret(patch.password, this.deps.config.scrypt);
    const updated = await storeOrConflict(
      "user",
      `Duplicate entry found with name ${patch.name ?? ""} at domain ID ${existing.domainId}`,
      () =>
        this.deps.prisma.user.update({
          where: { id },
          data: {
            name: patch.name,
            passwordHash,
            enabled: patch.enabled,
            email: patch.email,
            description: patch.description === null ? "" : patch.description,
            defaultProjectId: patch.defaultProjectId,
            options: patch.options === undefined ? undefined : jsonObject(patch.options),
          },
        }),
    );
    if (passwordHash !== undefined || patch.enabled === false) await this.tokens.revokeAllForUser(id);
    this.deps.tokenCache.invalidateAll();
    return updated;
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    await this.requireFor(ctx, "identity:delete_user", id);
    const { prisma } = this.deps;
    await prisma.$transaction([
      prisma.roleAssignment.deleteMany({ where: { actorType: "user", actorId: id } }),
      prisma.token.deleteMany({ where: { userId: id } }),
      prisma.user.delete({ where: { id } }),
    ]);
    this.deps.tokenCache.invalidateAll();
  }

  /** Self-service password change; every token of the user is revoked. */
  async changePassword(ctx: AuthContext, id: string, original: string, password: string): Promise<void> {
    authorize(ctx, "identity:change_password", { userId: id });
    const user = await this.deps.prisma.user.findUnique({ where: { id } });
    if (!user) throw notFound("user", id);
    const keys = [`user:id:${id}`];
    const attempt = this.deps.userThrottle.begin(keys);
    try {
      if (!(await verifySecret(original, user.passwordHash ?? this.deps.decoyHash))) {
        this.deps.userThrottle.recordFailure(keys);
        throw unauthorized();
      }
    } finally {
      attempt.finish();
    }
    const passwordHash = await hashSecret(password, this.deps.config.scrypt);
    await this.deps.prisma.user.update({ where: { id }, data: { passwordHash } });
    await this.tokens.revokeAllForUser(id);
  }

  /** Enabled projects on which the user holds a role, directly or through a group. */
  async listProjects(ctx: AuthContext, id: string): Promise<Project[]> {
    authorize(ctx, "identity:list_user_projects", { userId: id });
    if (!(await this.deps.prisma.user.findUnique({ where: { id } }))) throw notFound("user", id);
    return this.projectsWithRoles(id);
  }

  async projectsWithRoles(userId: string): Promise<Project[]> {
    const ids = await targetIdsWithRoles(this.deps.prisma, userId, "project");
    return this.deps.prisma.project.findMany({
      where: { id: { in: ids }, enabled: true, domain: { enabled: true } },
      orderBy: { name: "asc" },
    });
  }

  async listGroups(ctx: AuthContext, id: string): Promise<Group[]> {
    authorize(ctx, "identity:list_groups_for_user", { userId: id });
    if (!(await this.deps.prisma.user.findUnique({ where: { id } }))) throw notFound("user", id);
    return this.deps.prisma.group.findMany({
      where: { members: { some: { userId: id } } },
      orderBy: { name: "asc" },
    });
  }

  private async requireFor(
    ctx: AuthContext,
    action: "identity:update_user" | "identity:delete_user",
    id: string,
  ): Promise<User> {
    const user = await this.deps.prisma.user.findUnique({ where: { id } });
    // A user holding roles beyond its domain (a cloud admin, say) is no domain admin's to reset or remove.
    const domainId = user ? await actorConfinedDomain(this.deps, { type: "user", ...user }) : "";
    authorize(ctx, action, { domainId });
    if (!user) throw notFound("user", id);
    return user;
  }
}

/** Prisma's JSON input type wants plain JSON values; zod already guaranteed that shape. */
function jsonObject(value: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
  }
  return out;
}
