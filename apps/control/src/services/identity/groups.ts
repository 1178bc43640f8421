import { ZenithError } from "@zenith/core/errors";
import type { Group, User } from "@zenith/db/generated";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import { type AuthContext, listDomainId } from "./auth-context.ts";
import { actorConfinedDomain } from "./confinement.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound, storeOrConflict } from "./errors.ts";
import { defaultDomainOf } from "./projects.ts";

export interface GroupInput {
  name: string;
  domainId?: string | undefined;
  description?: string | null | undefined;
}

export class GroupService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(
    ctx: AuthContext,
    filter: { name?: string | undefined; domainId?: string | undefined },
  ): Promise<Group[]> {
    const domainId = listDomainId(ctx, filter.domainId);
    authorize(ctx, "identity:list_groups", domainId ? { domainId } : {});
    return this.deps.prisma.group.findMany({
      where: { name: filter.name, domainId },
      orderBy: { name: "asc" },
    });
  }

  async get(ctx: AuthContext, id: string): Promise<Group> {
    return this.requireFor(ctx, "identity:get_group", id);
  }

  async create(ctx: AuthContext, input: GroupInput): Promise<Group> {
    const domainId = input.domainId ?? defaultDomainOf(ctx);
    authorize(ctx, "identity:create_group", { domainId });
    const { prisma } = this.deps;
    if (!(await prisma.domain.findUnique({ where: { id: domainId } }))) {
      throw ZenithError.badRequest(`Could not find domain: ${domainId}.`);
    }
    const detail = `Duplicate entry found with name ${input.name} at domain ID ${domainId}`;
    if (await prisma.group.findUnique({ where: { domainId_name: { domainId, name: input.name } } })) {
      throw conflict("group", detail);
    }
    return storeOrConflict("group", detail, () =>
      prisma.group.create({
        data: { id: newId(), name: input.name, domainId, description: input.description ?? "" },
      }),
    );
  }

  async update(
    ctx: AuthContext,
    id: string,
    patch: { name?: string | undefined; description?: string | null | undefined },
  ): Promise<Group> {
    const existing = await this.requireFor(ctx, "identity:update_group", id);
    return storeOrConflict(
      "group",
      `Duplicate entry found with name ${patch.name ?? ""} at domain ID ${existing.domainId}`,
      () =>
        this.deps.prisma.group.update({
          where: { id },
          data: { name: patch.name, description: patch.description === null ? "" : patch.description },
        }),
    );
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    await this.requireFor(ctx, "identity:delete_group", id);
    const { prisma } = this.deps;
    await prisma.$transaction([
      prisma.roleAssignment.deleteMany({ where: { actorType: "group", actorId: id } }),
      prisma.group.delete({ where: { id } }),
    ]);
    this.deps.tokenCache.invalidateAll();
  }

  async listUsers(ctx: AuthContext, id: string): Promise<User[]> {
    await this.requireFor(ctx, "identity:list_users_in_group", id);
    return this.deps.prisma.user.findMany({
      where: { memberships: { some: { groupId: id } } },
      orderBy: { name: "asc" },
    });
  }

  async addUser(ctx: AuthContext, groupId: string, userId: string): Promise<void> {
    authorize(ctx, "identity:add_user_to_group", { domainId: await this.membershipDomain(groupId) });
    await this.requireFor(ctx, "identity:add_user_to_group", groupId);
    await this.requireUser(userId);
    await this.deps.prisma.groupMembership.upsert({
      where: { groupId_userId: { groupId, userId } },
      create: { groupId, userId },
      update: {},
    });
    this.deps.tokenCache.invalidateAll();
  }

  /** 204 when the user is a member; 404 otherwise, as Keystone answers HEAD. */
  async checkUser(ctx: AuthContext, groupId: string, userId: string): Promise<void> {
    await this.requireFor(ctx, "identity:check_user_in_group", groupId);
    await this.requireUser(userId);
    const row = await this.deps.prisma.groupMembership.findUnique({
      where: { groupId_userId: { groupId, userId } },
    });
    if (!row) throw new ZenithError("NOT_FOUND", `User ${userId} is not a member of group ${groupId}.`);
  }

  async removeUser(ctx: AuthContext, groupId: string, userId: string): Promise<void> {
    authorize(ctx, "identity:remove_user_from_group", { domainId: await this.membershipDomain(groupId) });
    await this.checkUser(ctx, groupId, userId);
    await this.deps.prisma.groupMembership.delete({ where: { groupId_userId: { groupId, userId } } });
    this.deps.tokenCache.invalidateAll();
  }

  /** Membership of a group whose roles reach beyond its domain is a cloud admin's to change. */
  private async membershipDomain(groupId: string): Promise<string | undefined> {
    const group = await this.deps.prisma.group.findUnique({ where: { id: groupId } });
    return group ? actorConfinedDomain(this.deps, { type: "group", ...group }) : "";
  }

  private async requireUser(id: string): Promise<void> {
    if (!(await this.deps.prisma.user.findUnique({ where: { id } }))) throw notFound("user", id);
  }

  private async requireFor(
    ctx: AuthContext,
    action:
      | "identity:get_group"
      | "identity:update_group"
      | "identity:delete_group"
      | "identity:list_users_in_group"
      | "identity:add_user_to_group"
      | "identity:check_user_in_group",
    id: string,
  ): Promise<Group> {
    const group = await this.deps.prisma.group.findUnique({ where: { id } });
    authorize(ctx, action, { domainId: group?.domainId ?? "" });
    if (!group) throw notFound("group", id);
    return group;
  }
}
