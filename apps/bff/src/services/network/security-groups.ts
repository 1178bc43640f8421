import type { SecurityGroup, SecurityGroupRule, SecurityGroupRuleCreate } from "@zenith/api-client/neutron";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { Page } from "../paging.ts";
import { announceNetworkChange } from "./changes.ts";
import { anyAddress, type RuleProtocol, ruleTemplate, type TemplateRule } from "./rule-templates.ts";
import {
  assertAllProjectsAllowed,
  instanceNames,
  isInstancePort,
  type NetworkScope,
  projectFilter,
  projectNames,
  type SortedListQuery,
  sortAndPage,
} from "./secfip-common.ts";

export const SECURITY_GROUP_SORT_KEYS = ["name", "rules", "instances", "created"] as const;
export type SecurityGroupSortKey = (typeof SECURITY_GROUP_SORT_KEYS)[number];

export interface SecurityGroupRow {
  id: string;
  name: string;
  description: string;
  projectId: string;
  projectName: string | null;
  isDefault: boolean;
  ruleCount: number;
  instanceCount: number;
  createdAt: string | null;
}

export interface RuleRow {
  id: string;
  direction: "ingress" | "egress";
  ethertype: string;
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  remoteGroupName: string | null;
  description: string;
}

export interface SecurityGroupDetail extends SecurityGroupRow {
  rules: RuleRow[];
  usedBy: { id: string; name: string }[];
}

const DEFAULT_GROUP = "default";

function toRow(group: SecurityGroup, instanceCount: number, projectName: string | null): SecurityGroupRow {
  return {
    id: group.id,
    name: group.name,
    description: group.description ?? "",
    projectId: group.project_id ?? group.tenant_id ?? "",
    projectName,
    isDefault: group.name === DEFAULT_GROUP,
    ruleCount: group.security_group_rules.length,
    instanceCount,
    createdAt: group.created_at ?? null,
  };
}

function toRule(rule: SecurityGroupRule, groupNames: Map<string, string>): RuleRow {
  return {
    id: rule.id,
    direction: rule.direction,
    ethertype: rule.ethertype,
    protocol: rule.protocol,
    portRangeMin: rule.port_range_min,
    portRangeMax: rule.port_range_max,
    remoteIpPrefix: rule.remote_ip_prefix,
    remoteGroupId: rule.remote_group_id,
    remoteGroupName: rule.remote_group_id ? (groupNames.get(rule.remote_group_id) ?? null) : null,
    description: rule.description ?? "",
  };
}

/** Instance ids per security group, from one port listing. */
function instancesByGroup(ports: { device_owner: string; device_id: string; security_groups: string[] }[]) {
  const out = new Map<string, Set<string>>();
  for (const port of ports) {
    if (!isInstancePort(port)) continue;
    for (const group of port.security_groups) {
      const set = out.get(group) ?? new Set<string>();
      set.add(port.device_id);
      out.set(group, set);
    }
  }
  return out;
}

/** Groups with rule and instance counts: two Neutron calls (groups, ports) whatever the size. */
export async function listSecurityGroups(
  cloud: Cloud,
  scope: NetworkScope,
  query: SortedListQuery<SecurityGroupSortKey>,
): Promise<Page<SecurityGroupRow>> {
  assertAllProjectsAllowed(scope, query.allProjects);
  const neutron = await cloud.neutron();
  const filter = projectFilter(scope, query.allProjects);
  const [groups, ports] = await Promise.all([
    neutron.securityGroups.listAll(filter),
    neutron.ports.listAll(filter),
  ]);
  const usage = instancesByGroup(ports);
  const rows = groups.map((g) => toRow(g, usage.get(g.id)?.size ?? 0, null));
  const page = sortAndPage(
    rows,
    query,
    "name",
    (row, key) =>
      key === "rules"
        ? row.ruleCount
        : key === "instances"
          ? row.instanceCount
          : key === "created"
            ? row.createdAt
            : row.name,
    (row) => [row.name, row.description, row.id],
  );
  if (query.allProjects) {
    const names = await projectNames(
      cloud,
      scope,
      page.items.map((r) => r.projectId),
    );
    page.items = page.items.map((r) => ({ ...r, projectName: names.get(r.projectId) ?? null }));
  }
  return page;
}

/**
 * One group with its rules and the instances using it: the group, the
 * group's project's ports and groups (remote-group names), and one Nova
 * summary listing for the instance names.
 */
export async function getSecurityGroup(
  cloud: Cloud,
  scope: NetworkScope,
  id: string,
): Promise<SecurityGroupDetail> {
  const neutron = await cloud.neutron();
  const group = await neutron.securityGroups.get(id);
  const projectId = group.project_id ?? group.tenant_id ?? scope.projectId;
  const [ports, groups, nova] = await Promise.all([
    neutron.ports.listAll({ project_id: projectId }),
    neutron.securityGroups.listAll({ project_id: projectId }),
    cloud.nova(),
  ]);
  const instanceIds = [...(instancesByGroup(ports).get(group.id) ?? [])];
  const names =
    instanceIds.length > 0 ? await instanceNames(nova, scope, { projectId, ids: instanceIds }) : new Map();
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const projectName =
    projectId !== scope.projectId
      ? ((await projectNames(cloud, scope, [projectId])).get(projectId) ?? null)
      : null;
  return {
    ...toRow(group, instanceIds.length, projectName),
    rules: group.security_group_rules.map((r) => toRule(r, groupNames)),
    usedBy: instanceIds
      .map((iid) => ({ id: iid, name: names.get(iid) ?? iid }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function createSecurityGroup(
  cloud: Cloud,
  scope: NetworkScope,
  input: { name: string; description?: string | undefined },
): Promise<SecurityGroupRow> {
  if (input.name === DEFAULT_GROUP) {
    throw new ZenithError("BAD_REQUEST", say("securityGroup.defaultReserved"), {
      fields: [fieldError("name", say("securityGroup.defaultReservedField"))],
    });
  }
  const neutron = await cloud.neutron();
  const group = await neutron.securityGroups.create({
    name: input.name,
    description: input.description ?? "",
  });
  announceNetworkChange(scope.projectId);
  return toRow(group, 0, null);
}

export async function updateSecurityGroup(
  cloud: Cloud,
  scope: NetworkScope,
  input: { id: string; name?: string | undefined; description?: string | undefined },
): Promise<SecurityGroupRow> {
  const neutron = await cloud.neutron();
  const current = await neutron.securityGroups.get(input.id);
  if (current.name === DEFAULT_GROUP && input.name !== undefined && input.name !== DEFAULT_GROUP) {
    throw new ZenithError("BAD_REQUEST", say("securityGroup.defaultRename"), {
      fields: [fieldError("name", say("securityGroup.defaultKeepsName"))],
    });
  }
  const body: { name?: string; description?: string } = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.description !== undefined) body.description = input.description;
  const [group, ports] = await Promise.all([
    neutron.securityGroups.update(input.id, body),
    neutron.ports.listAll({ project_id: current.project_id ?? scope.projectId }),
  ]);
  announceNetworkChange(group.project_id ?? scope.projectId);
  return toRow(group, instancesByGroup(ports).get(group.id)?.size ?? 0, null);
}

export async function deleteSecurityGroup(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const group = await neutron.securityGroups.get(id);
  if (group.name === DEFAULT_GROUP) {
    throw new ZenithError("CONFLICT", say("securityGroup.defaultDelete"));
  }
  // A group still on a port is refused by Neutron ("Security Group … in use"); that message reaches the user.
  await neutron.securityGroups.delete(id);
  announceNetworkChange(group.project_id ?? scope.projectId);
}

export interface AddRuleInput {
  securityGroupId: string;
  template: string;
  direction: "ingress" | "egress";
  ethertype: "IPv4" | "IPv6";
  protocol: RuleProtocol;
  portRangeMin?: number | null | undefined;
  portRangeMax?: number | null | undefined;
  remoteCidr?: string | undefined;
  remoteGroupId?: string | undefined;
  description?: string | undefined;
}

/** The Neutron rules an (already validated) input stands for: a template's, or the custom one. */
export function rulesFor(input: AddRuleInput): SecurityGroupRuleCreate[] {
  const template = input.template === "custom" ? undefined : ruleTemplate(input.template);
  const parts: TemplateRule[] = template
    ? template.rules
    : [
        {
          direction: input.direction,
          protocol: input.protocol,
          portRangeMin: input.portRangeMin ?? null,
          portRangeMax: input.portRangeMax ?? null,
        },
      ];
  const remoteGroup = input.remoteGroupId ?? null;
  const remoteCidr = remoteGroup ? null : input.remoteCidr || anyAddress(input.ethertype);
  return parts.map((p) => ({
    security_group_id: input.securityGroupId,
    direction: p.direction,
    ethertype: input.ethertype,
    protocol:
      p.protocol === "any"
        ? null
        : p.protocol === "icmp" && input.ethertype === "IPv6"
          ? "ipv6-icmp"
          : p.protocol,
    port_range_min: p.portRangeMin,
    port_range_max: p.portRangeMax,
    remote_ip_prefix: remoteCidr,
    remote_group_id: remoteGroup,
    ...(input.description ? { description: input.description } : {}),
  }));
}

/**
 * Adds a template's rules (or one custom rule). Several rules are created
 * in order; if one fails, those already created are removed again so the
 * group is left as it was.
 */
export async function addSecurityGroupRules(
  cloud: Cloud,
  scope: NetworkScope,
  input: AddRuleInput,
): Promise<RuleRow[]> {
  const neutron = await cloud.neutron();
  const group = await neutron.securityGroups.get(input.securityGroupId);
  // Checked first so another project's group id is a "not found", not a half-made rule set.
  const remote = input.remoteGroupId ? await neutron.securityGroups.get(input.remoteGroupId) : group;
  const created: SecurityGroupRule[] = [];
  try {
    for (const body of rulesFor(input)) created.push(await neutron.securityGroupRules.create(body));
  } catch (err) {
    await Promise.allSettled(created.map((r) => neutron.securityGroupRules.delete(r.id)));
    throw err;
  }
  announceNetworkChange(group.project_id ?? scope.projectId);
  return created.map((r) => toRule(r, new Map([[remote.id, remote.name]])));
}

export async function deleteSecurityGroupRule(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const rule = await neutron.securityGroupRules.get(id);
  await neutron.securityGroupRules.delete(id);
  announceNetworkChange(rule.project_id ?? scope.projectId);
}
