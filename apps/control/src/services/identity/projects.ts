import { ZenithError } from "@zenith/core/errors";
import type { Project } from "@zenith/db/generated";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import { type AuthContext, listDomainId } from "./auth-context.ts";
import { isAdminProject } from "./confinement.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound, storeOrConflict } from "./errors.ts";

export interface ProjectInput {
  name: string;
  domainId?: string | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
  parentId?: string | null | undefined;
  tags?: string[] | undefined;
}

export interface ProjectPatch {
  name?: string | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
  tags?: string[] | undefined;
}

export interface ProjectFilter {
  name?: string | undefined;
  domainId?: string | undefined;
  enabled?: boolean | undefined;
  parentId?: string | undefined;
  /** Projects carrying all of these tags. */
  tags?: string[] | undefined;
  /** Projects carrying any of these tags. */
  tagsAny?: string[] | undefined;
}

/** The token's domain, used as the default domain of new projects and users. */
export function defaultDomainOf(ctx: AuthContext): string {
  if (ctx.scope.type === "project" || ctx.scope.type === "domain") return ctx.scope.domain.id;
  return ctx.user.domain.id;
}

export class ProjectService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(ctx: AuthContext, filter: ProjectFilter): Promise<Project[]> {
    const domainId = listDomainId(ctx, filter.domainId);
    authorize(ctx, "identity:list_projects", domainId ? { domainId } : {});
    const projects = await this.deps.prisma.project.findMany({
      where: {
        name: filter.name,
        domainId,
        enabled: filter.enabled,
        AND: [
          ...(filter.tags ? [{ tags: { hasEvery: filter.tags } }] : []),
          ...(filter.tagsAny ? [{ tags: { hasSome: filter.tagsAny } }] : []),
        ],
      },
      orderBy: { name: "asc" },
    });
    if (filter.parentId === undefined) return projects;
    // Top-level projects report their domain as parent, as Keystone does.
    return projects.filter((p) => (p.parentId ?? p.domainId) === filter.parentId);
  }

  async get(ctx: AuthContext, id: string): Promise<Project> {
    const project = await this.deps.prisma.project.findUnique({ where: { id } });
    authorize(ctx, "identity:get_project", { projectId: id, domainId: project?.domainId ?? "" });
    if (!project) throw notFound("project", id);
    return project;
  }

  async create(ctx: AuthContext, input: ProjectInput): Promise<Project> {
    const { prisma } = this.deps;
    let domainId = input.domainId;
    if (input.parentId) {
      const parent = await prisma.project.findUnique({ where: { id: input.parentId } });
      if (!parent) throw ZenithError.badRequest(`Could not find parent project: ${input.parentId}.`);
      if (domainId && domainId !== parent.domainId) {
        throw ZenithError.badRequest("A project must be in the same domain as its parent.");
      }
      domainId = parent.domainId;
    }
    domainId ??= defaultDomainOf(ctx);
    // Creating the admin project (say after deleting it) would mint a cloud admin: a cloud admin's call.
    const makesAdminProject = await this.namesAdminProject(domainId, input.name);
    authorize(ctx, "identity:create_project", { domainId: makesAdminProject ? undefined : domainId });
    if (!(await prisma.domain.findUnique({ where: { id: domainId } }))) {
      throw ZenithError.badRequest(`Could not find domain: ${domainId}.`);
    }
    const detail = `Duplicate entry found with name ${input.name} at domain ID ${domainId}`;
    if (await prisma.project.findUnique({ where: { domainId_name: { domainId, name: input.name } } })) {
      throw conflict("project", detail);
    }
    return storeOrConflict("project", detail, () =>
      prisma.project.create({
        data: {
          id: newId(),
          name: input.name,
          domainId,
          description: input.description ?? "",
          enabled: input.enabled ?? true,
          parentId: input.parentId ?? null,
          tags: input.tags ?? [],
        },
      }),
    );
  }

  async update(ctx: AuthContext, id: string, patch: ProjectPatch): Promise<Project> {
    const existing = await this.requireFor(ctx, "identity:update_project", id);
    if (patch.name !== undefined && (await this.namesAdminProject(existing.domainId, patch.name))) {
      authorize(ctx, "identity:update_project", { projectId: id });
    }
    const updated = await storeOrConflict(
      "project",
      `Duplicate entry found with name ${patch.name ?? ""} at domain ID ${existing.domainId}`,
      () =>
        this.deps.prisma.project.update({
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

  async delete(ctx: AuthContext, id: string): Promise<void> {
    await this.requireFor(ctx, "identity:delete_project", id);
    const { prisma } = this.deps;
    if (await prisma.project.findFirst({ where: { parentId: id } })) {
      throw new ZenithError("FORBIDDEN", `Cannot delete project ${id}: it has child projects.`);
    }
    await prisma.$transaction([
      prisma.roleAssignment.deleteMany({ where: { targetType: "project", targetId: id } }),
      prisma.applicationCredential.deleteMany({ where: { projectId: id } }),
      prisma.user.updateMany({ where: { defaultProjectId: id }, data: { defaultProjectId: null } }),
      prisma.project.delete({ where: { id } }),
    ]);
    this.deps.tokenCache.invalidateAll();
  }

  async listTags(ctx: AuthContext, id: string): Promise<string[]> {
    const project = await this.get(ctx, id);
    return project.tags;
  }

  async hasTag(ctx: AuthContext, id: string, tag: string): Promise<void> {
    const tags = await this.listTags(ctx, id);
    if (!tags.includes(tag)) throw notFound("project tag", tag);
  }

  async setTags(ctx: AuthContext, id: string, tags: string[]): Promise<string[]> {
    await this.requireFor(ctx, "identity:update_project_tags", id);
    const updated = await this.deps.prisma.project.update({
      where: { id },
      data: { tags: [...new Set(tags)] },
    });
    return updated.tags;
  }

  async addTag(ctx: AuthContext, id: string, tag: string): Promise<void> {
    const project = await this.requireFor(ctx, "identity:update_project_tags", id);
    if (!project.tags.includes(tag)) {
      await this.deps.prisma.project.update({ where: { id }, data: { tags: [...project.tags, tag] } });
    }
  }

  async removeTag(ctx: AuthContext, id: string, tag: string): Promise<void> {
    const project = await this.requireFor(ctx, "identity:update_project_tags", id);
    if (!project.tags.includes(tag)) throw notFound("project tag", tag);
    await this.deps.prisma.project.update({
      where: { id },
      data: { tags: project.tags.filter((t) => t !== tag) },
    });
  }

  private async requireFor(
    ctx: AuthContext,
    action: "identity:update_project" | "identity:delete_project" | "identity:update_project_tags",
    id: string,
  ): Promise<Project> {
    const project = await this.deps.prisma.project.findUnique({ where: { id } });
    // The admin project is the cloud's, not its domain's: only cloud admins change or delete it.
    const domainId = project && !(await isAdminProject(this.deps, id)) ? project.domainId : undefined;
    authorize(ctx, action, { projectId: id, domainId: project ? domainId : "" });
    if (!project) throw notFound("project", id);
    return project;
  }

  /** Whether a project of this name in this domain is (or would be) the cloud-admin project. */
  private async namesAdminProject(domainId: string, name: string): Promise<boolean> {
    const ref = this.deps.config.adminProject;
    if (name !== ref.name) return false;
    const domain = await this.deps.prisma.domain.findUnique({ where: { id: domainId } });
    return domain?.name === ref.domainName;
  }
}
