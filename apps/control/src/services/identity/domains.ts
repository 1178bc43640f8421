import { ZenithError } from "@zenith/core/errors";
import type { Domain } from "@zenith/db/generated";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound, storeOrConflict } from "./errors.ts";

export interface DomainInput {
  id?: string | undefined;
  name: string;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
  tags?: string[] | undefined;
}

export type DomainPatch = Partial<Omit<DomainInput, "id">>;

export class DomainService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(ctx: AuthContext, filter: { name?: string; enabled?: boolean }): Promise<Domain[]> {
    authorize(ctx, "identity:list_domains");
    return this.deps.prisma.domain.findMany({
      where: { name: filter.name, enabled: filter.enabled },
      orderBy: { name: "asc" },
    });
  }

  async get(ctx: AuthContext, id: string): Promise<Domain> {
    authorize(ctx, "identity:get_domain", { domainId: id });
    return this.require(id);
  }

  async create(ctx: AuthContext, input: DomainInput): Promise<Domain> {
    authorize(ctx, "identity:create_domain");
    if (await this.deps.prisma.domain.findUnique({ where: { name: input.name } })) {
      throw conflict("domain", `Duplicate entry found with name ${input.name}`);
    }
    return storeOrConflict("domain", `Duplicate entry found with name ${input.name}`, () =>
      this.deps.prisma.domain.create({
        data: {
          id: input.id ?? newId(),
          name: input.name,
          description: input.description ?? "",
          enabled: input.enabled ?? true,
          tags: input.tags ?? [],
        },
      }),
    );
  }

  async update(ctx: AuthContext, id: string, patch: DomainPatch): Promise<Domain> {
    authorize(ctx, "identity:update_domain", { domainId: id });
    await this.require(id);
    const updated = await storeOrConflict(
      "domain",
      `Duplicate entry found with name ${patch.name ?? ""}`,
      () =>
        this.deps.prisma.domain.update({
          where: { id },
          data: {
            name: patch.name,
            description: patch.description === null ? "" : patch.description,
            enabled: patch.enabled,
            tags: patch.tags,
          },
        }),
    );
    this.deps.tokenCache.invalidateAll();
    return updated;
  }

  /** Keystone's rule: a domain must be disabled first; its contents go with it. */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, "identity:delete_domain", { domainId: id });
    const domain = await this.require(id);
    if (domain.enabled) {
      throw new ZenithError("FORBIDDEN", "Cannot delete a domain that is enabled, please disable it first.");
    }
    const { prisma } = this.deps;
    await prisma.$transaction(async (tx) => {
      const projects = await tx.project.findMany({ where: { domainId: id }, select: { id: true } });
      const users = await tx.user.findMany({ where: { domainId: id }, select: { id: true } });
      const groups = await tx.group.findMany({ where: { domainId: id }, select: { id: true } });
      const projectIds = projects.map((p) => p.id);
      await tx.roleAssignment.deleteMany({
        where: {
          OR: [
            { targetType: "domain", targetId: id },
            { targetType: "project", targetId: { in: projectIds } },
            { actorType: "user", actorId: { in: users.map((u) => u.id) } },
            { actorType: "group", actorId: { in: groups.map((g) => g.id) } },
          ],
        },
      });
      await tx.applicationCredential.deleteMany({ where: { projectId: { in: projectIds } } });
      await tx.project.deleteMany({ where: { domainId: id } });
      await tx.user.deleteMany({ where: { domainId: id } });
      await tx.group.deleteMany({ where: { domainId: id } });
      await tx.domain.delete({ where: { id } });
    });
    this.deps.tokenCache.invalidateAll();
  }

  async require(id: string): Promise<Domain> {
    const domain = await this.deps.prisma.domain.findUnique({ where: { id } });
    if (!domain) throw notFound("domain", id);
    return domain;
  }
}
