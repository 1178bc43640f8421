import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import type { SecurityGroup, SecurityGroupRule } from "@zenith/db/generated";
import { DEFAULT_SECURITY_GROUP_NAME, ensureDefaultSecurityGroup } from "../default-security-group.ts";
import type { NetworkDeps } from "../deps.ts";
import { type NetworkCaller, ownedBy } from "../l3/caller.ts";
import { conflict, notFound } from "../l3/faults.ts";
import { isForeignKeyViolation } from "../l3/prisma-errors.ts";

export type GroupWithRules = SecurityGroup & {
  rules: SecurityGroupRule[];
  defaultFor: { projectId: string } | null;
};

export interface GroupCreate {
  /** The owner: the caller's project, or any project when an admin names one. */
  projectId: string;
  name: string;
  description: string;
  stateful: boolean;
}

export interface GroupUpdate {
  name?: string | undefined;
  description?: string | undefined;
  stateful?: boolean | undefined;
}

const WITH_RULES = {
  rules: { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] },
  defaultFor: { select: { projectId: true } },
};

export const groupNotFound = (id: string) =>
  notFound("SecurityGroupNotFound", `Security group ${id} does not exist`);

/** Security groups: CRUD with Neutron's rules about the `default` group, quotas and groups in use. */
export class SecurityGroupService {
  private readonly prisma: NetworkDeps["prisma"];

  constructor(private readonly deps: NetworkDeps) {
    this.prisma = deps.prisma;
  }

  /** The caller's project gets its `default` group on its first call, as upstream. */
  async ensureDefault(caller: NetworkCaller): Promise<void> {
    if (caller.projectId) await ensureDefaultSecurityGroup(this.prisma, caller.projectId);
  }

  async list(caller: NetworkCaller): Promise<GroupWithRules[]> {
    await this.ensureDefault(caller);
    return this.prisma.securityGroup.findMany({
      where: ownedBy(caller),
      include: WITH_RULES,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  async get(caller: NetworkCaller, id: string): Promise<GroupWithRules> {
    await this.ensureDefault(caller);
    const row = await this.prisma.securityGroup.findFirst({
      where: { id, ...ownedBy(caller) },
      include: WITH_RULES,
    });
    if (!row) throw groupNotFound(id);
    return row;
  }

  async create(caller: NetworkCaller, input: GroupCreate): Promise<GroupWithRules> {
    await ensureDefaultSecurityGroup(this.prisma, input.projectId);
    if (input.name === DEFAULT_SECURITY_GROUP_NAME) {
      throw conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
    }
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await this.deps.quotas.check(tx, input.projectId, "security_group");
      await this.deps.quotas.check(tx, input.projectId, "security_group_rule", 2);
      await tx.securityGroup.create({
        data: {
          id,
          projectId: input.projectId,
          name: input.name,
          description: input.description,
          stateful: input.stateful,
        },
      });
      await tx.securityGroupRule.createMany({ data: egressRules(id, input.projectId) });
    });
    return this.get({ ...caller, admin: true }, id);
  }

  async update(caller: NetworkCaller, id: string, patch: GroupUpdate): Promise<GroupWithRules> {
    const row = await this.get(caller, id);
    if (row.defaultFor && patch.name !== undefined && patch.name !== row.name) {
      throw conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
    }
    if (patch.stateful !== undefined && patch.stateful !== row.stateful) {
      const inUse = await this.prisma.portSecurityGroup.count({ where: { securityGroupId: id } });
      if (inUse > 0) {
        throw conflict(
          "SecurityGroupInUse",
          `Security Group ${id} in use, cannot update the stateful attribute while ports use it.`,
        );
      }
    }
    await this.prisma.securityGroup.update({
      where: { id },
      data: {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.stateful === undefined ? {} : { stateful: patch.stateful }),
        revisionNumber: { increment: 1 },
      },
    });
    return this.get(caller, id);
  }

  /** A project may not remove its `default` group (an admin may); a group used by a port stays. */
  async delete(caller: NetworkCaller, id: string): Promise<void> {
    const row = await this.get(caller, id);
    if (row.defaultFor && !caller.admin) {
      throw conflict(
        "SecurityGroupCannotRemoveDefault",
        "Insufficient rights for removing default security group.",
      );
    }
    const inUse = () => conflict("SecurityGroupInUse", `Security Group ${id} in use.`);
    if ((await this.prisma.portSecurityGroup.count({ where: { securityGroupId: id } })) > 0) throw inUse();
    try {
      await this.prisma.securityGroup.delete({ where: { id } });
    } catch (err) {
      // A port took the group between the check and the delete: the foreign key refused it.
      if (isForeignKeyViolation(err)) throw inUse();
      throw err;
    }
  }
}

/** Rules every new group starts with: all egress, both families (upstream's create_security_group). */
function egressRules(groupId: string, projectId: string): Prisma.SecurityGroupRuleCreateManyInput[] {
  return (["IPv4", "IPv6"] as const).map((ethertype) => ({
    id: randomUUID(),
    securityGroupId: groupId,
    projectId,
    direction: "egress",
    ethertype,
  }));
}
