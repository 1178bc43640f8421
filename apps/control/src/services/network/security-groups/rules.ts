import { randomUUID } from "node:crypto";
import type { SecurityGroupRule } from "@zenith/db/generated";
import type { NetworkDeps } from "../deps.ts";
import { type NetworkCaller, ownedBy } from "../l3/caller.ts";
import { conflict, invalid, notFound } from "../l3/faults.ts";
import { groupNotFound } from "./groups.ts";
import {
  type Ethertype,
  normalizePrefix,
  normalizeProtocol,
  type RuleValues,
  ruleKey,
  validateEthertypeProtocol,
  validatePortRange,
} from "./rule-values.ts";

export interface RuleCreate {
  securityGroupId: string;
  direction: "ingress" | "egress";
  ethertype: Ethertype;
  protocol: string | number | null | undefined;
  portRangeMin: number | null | undefined;
  portRangeMax: number | null | undefined;
  remoteIpPrefix: string | null | undefined;
  remoteGroupId: string | null | undefined;
  description: string;
}

export type RuleRow = SecurityGroupRule & { defaultGroup: boolean };

export const ruleNotFound = (id: string) =>
  notFound("SecurityGroupRuleNotFound", `Security group rule ${id} does not exist`);

/** Security group rules: validated and de-duplicated as upstream, owned by their group's project. */
export class SecurityGroupRuleService {
  private readonly prisma: NetworkDeps["prisma"];

  constructor(private readonly deps: NetworkDeps) {
    this.prisma = deps.prisma;
  }

  async list(caller: NetworkCaller): Promise<RuleRow[]> {
    const rows = await this.prisma.securityGroupRule.findMany({
      where: ownedBy(caller),
      include: { securityGroup: { select: { defaultFor: { select: { projectId: true } } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(({ securityGroup, ...rule }) => ({
      ...rule,
      defaultGroup: securityGroup.defaultFor !== null,
    }));
  }

  async get(caller: NetworkCaller, id: string): Promise<RuleRow> {
    const row = await this.prisma.securityGroupRule.findFirst({
      where: { id, ...ownedBy(caller) },
      include: { securityGroup: { select: { defaultFor: { select: { projectId: true } } } } },
    });
    if (!row) throw ruleNotFound(id);
    const { securityGroup, ...rule } = row;
    return { ...rule, defaultGroup: securityGroup.defaultFor !== null };
  }

  async create(caller: NetworkCaller, input: RuleCreate): Promise<RuleRow> {
    const group = await this.prisma.securityGroup.findFirst({
      where: { id: input.securityGroupId, ...ownedBy(caller) },
    });
    if (!group) throw groupNotFound(input.securityGroupId);
    const values = await this.resolve(caller, input);
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await this.deps.quotas.check(tx, group.projectId, "security_group_rule");
      // Under the quota lock: two identical rules racing cannot both pass this check.
      const siblings = await tx.securityGroupRule.findMany({ where: { securityGroupId: group.id } });
      const key = ruleKey(values);
      const same = siblings.find((rule) => ruleKey(rule) === key);
      if (same) {
        throw conflict(
          "SecurityGroupRuleExists",
          `Security group rule already exists. Rule id is ${same.id}.`,
        );
      }
      await tx.securityGroupRule.create({
        data: {
          id,
          securityGroupId: group.id,
          projectId: group.projectId,
          description: input.description,
          ...values,
        },
      });
      await tx.securityGroup.update({ where: { id: group.id }, data: { revisionNumber: { increment: 1 } } });
    });
    return this.get({ ...caller, admin: true }, id);
  }

  async delete(caller: NetworkCaller, id: string): Promise<void> {
    const rule = await this.get(caller, id);
    await this.prisma.$transaction([
      this.prisma.securityGroupRule.delete({ where: { id } }),
      this.prisma.securityGroup.update({
        where: { id: rule.securityGroupId },
        data: { revisionNumber: { increment: 1 } },
      }),
    ]);
  }

  /** Validates and normalizes a new rule's values (upstream's _validate_security_group_rule). */
  private async resolve(caller: NetworkCaller, input: RuleCreate): Promise<RuleValues> {
    const remoteIpPrefix = input.remoteIpPrefix ?? null;
    const remoteGroupId = input.remoteGroupId ?? null;
    if (remoteIpPrefix !== null && remoteGroupId !== null) {
      throw invalid(
        "SecurityGroupRemoteGroupAndRemoteIpPrefix",
        "Only remote_ip_prefix or remote_group_id may be provided.",
      );
    }
    if (remoteGroupId !== null) {
      const remote = await this.prisma.securityGroup.findFirst({
        where: { id: remoteGroupId, ...ownedBy(caller) },
      });
      if (!remote) throw groupNotFound(remoteGroupId);
    }
    const values: RuleValues = {
      direction: input.direction,
      ethertype: input.ethertype,
      protocol: normalizeProtocol(input.protocol),
      portRangeMin: input.portRangeMin ?? null,
      portRangeMax: input.portRangeMax ?? null,
      remoteIpPrefix: remoteIpPrefix === null ? null : normalizePrefix(remoteIpPrefix, input.ethertype),
      remoteGroupId,
    };
    validateEthertypeProtocol(values);
    validatePortRange(values);
    return values;
  }
}
