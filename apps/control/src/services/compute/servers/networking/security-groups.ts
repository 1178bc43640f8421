import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Caller } from "../caller.ts";
import { findServer } from "../lookup.ts";
import type { ComputeNeutron, NetworkChangeNotifier } from "./neutron.ts";

export interface ServerSecurityGroupDeps {
  prisma: PrismaClient;
  neutron: ComputeNeutron;
  notifier: NetworkChangeNotifier;
}

/** Nova's lookup of a group by name or id in the server's project (404 when missing, 409 when ambiguous). */
async function groupOf(deps: ServerSecurityGroupDeps, projectId: string, name: string): Promise<string> {
  if (name === "default") return deps.neutron.defaultSecurityGroup(projectId);
  const byId = await deps.prisma.securityGroup.findFirst({ where: { id: name, projectId } });
  const found = byId ? [byId] : await deps.prisma.securityGroup.findMany({ where: { projectId, name } });
  if (found.length > 1) {
    throw new ZenithError(
      "CONFLICT",
      `Multiple security groups found matching '${name}'. Use an ID to be more specific.`,
    );
  }
  const group = found[0];
  if (!group) throw ZenithError.notFound(`Security group ${name} is not found for project ${projectId}`);
  return group.id;
}

async function serverPorts(deps: ServerSecurityGroupDeps, instanceId: string) {
  const ports = await deps.prisma.port.findMany({
    where: { deviceId: instanceId, deviceOwner: { startsWith: "compute:" } },
    include: { securityGroups: { select: { securityGroupId: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (ports.length === 0) {
    throw ZenithError.notFound(`instance_id ${instanceId} could not be found as device id on any ports`);
  }
  return ports;
}

/** `addSecurityGroup`: the group goes on every port of the server (Nova's neutron security group API). */
export async function addServerSecurityGroup(
  deps: ServerSecurityGroupDeps,
  caller: Caller,
  serverId: string,
  name: string,
): Promise<void> {
  const inst = await findServer(deps.prisma, caller, serverId);
  const groupId = await groupOf(deps, inst.projectId, name);
  const ports = await serverPorts(deps, inst.id);
  for (const port of ports) {
    if (!port.portSecurityEnabled) {
      throw ZenithError.badRequest(
        "Network requires port_security_enabled and subnet associated in order to apply security groups.",
      );
    }
  }
  for (const port of ports) {
    const ids = port.securityGroups.map((g) => g.securityGroupId);
    if (!ids.includes(groupId)) await deps.neutron.setPortSecurityGroups(port.id, [...ids, groupId]);
  }
  deps.notifier.networkChanged(hostsOf(ports));
}

/** `removeSecurityGroup`: off every port that has it; 404 when none had it. */
export async function removeServerSecurityGroup(
  deps: ServerSecurityGroupDeps,
  caller: Caller,
  serverId: string,
  name: string,
): Promise<void> {
  const inst = await findServer(deps.prisma, caller, serverId);
  const groupId = await groupOf(deps, inst.projectId, name);
  const ports = await serverPorts(deps, inst.id);
  let found = false;
  for (const port of ports) {
    const ids = port.securityGroups.map((g) => g.securityGroupId);
    if (!ids.includes(groupId)) continue;
    found = true;
    await deps.neutron.setPortSecurityGroups(
      port.id,
      ids.filter((id) => id !== groupId),
    );
  }
  if (!found) {
    throw ZenithError.notFound(`Security group ${name} not associated with the instance ${inst.id}`);
  }
  deps.notifier.networkChanged(hostsOf(ports));
}

function hostsOf(ports: Array<{ bindingHost: string }>): string[] {
  return [...new Set(ports.map((p) => p.bindingHost).filter((h) => h !== ""))];
}

/** `GET /servers/{id}/os-security-groups`: the groups of the server's ports with their rules. */
export async function listServerSecurityGroups(prisma: PrismaClient, caller: Caller, serverId: string) {
  const inst = await findServer(prisma, caller, serverId);
  const links = await prisma.portSecurityGroup.findMany({
    where: { port: { deviceId: inst.id, deviceOwner: { startsWith: "compute:" } } },
    select: { securityGroupId: true },
  });
  const ids = [...new Set(links.map((l) => l.securityGroupId))];
  if (ids.length === 0) return [];
  return prisma.securityGroup.findMany({
    where: { id: { in: ids } },
    include: { rules: { include: { remoteGroup: { select: { name: true, projectId: true } } } } },
    orderBy: { name: "asc" },
  });
}

const GROUP_INCLUDE = {
  rules: { include: { remoteGroup: { select: { name: true, projectId: true } } } },
} as const;

/** Nova's proxy `GET /os-security-groups` (before 2.36): the project's groups, as Neutron has them. */
export async function projectSecurityGroups(deps: ServerSecurityGroupDeps, caller: Caller) {
  // Neutron makes the project's `default` group on its first list, as here.
  await deps.neutron.defaultSecurityGroup(caller.projectId);
  return deps.prisma.securityGroup.findMany({
    where: { projectId: caller.projectId },
    include: GROUP_INCLUDE,
    orderBy: { name: "asc" },
    take: 1000,
  });
}

/** Nova's proxy `GET /os-security-groups/{id}`: one of the project's groups (404 otherwise). */
export async function projectSecurityGroup(prisma: PrismaClient, caller: Caller, id: string) {
  const group = await prisma.securityGroup.findFirst({
    where: { id, ...(caller.admin ? {} : { projectId: caller.projectId }) },
    include: GROUP_INCLUDE,
  });
  if (!group) throw ZenithError.notFound(`Security group ${id} not found.`);
  return group;
}
