import type { NeutronClient, Port } from "@zenith/api-client/neutron";
import type { Server } from "@zenith/api-client/nova";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";

/**
 * An instance's interfaces (its Neutron ports) and the Nova calls that
 * change them. Every call first reads the server through Nova, so a
 * tenant gets Nova's 404 for another tenant's instance before anything is
 * touched; the project id returned is the one to announce changes for.
 */

function nameOf(item: { id: string; name?: string | null | undefined }): string {
  return item.name ? item.name : item.id;
}

/** The server (404 when the caller may not see it). */
export async function serverOf(cloud: Cloud, serverId: string): Promise<Server> {
  return (await cloud.nova()).servers.get(serverId);
}

/** The instance's ports, oldest first (Nova's order: eth0 first). */
export async function portsOf(neutron: NeutronClient, serverId: string): Promise<Port[]> {
  const ports = await neutron.ports.listAll({ device_id: serverId });
  return ports
    .filter((p) => p.device_id === serverId && p.device_owner.startsWith("compute:"))
    .sort((a, b) => (a.created_at ?? "").localeCompare(b.created_at ?? ""));
}

/** Four calls whatever the number of ports: server, ports, then networks, floating IPs and groups at once. */
export async function listInterfaces(cloud: Cloud, serverId: string) {
  const server = await serverOf(cloud, serverId);
  const neutron = await cloud.neutron();
  const ports = await portsOf(neutron, serverId);
  const netIds = [...new Set(ports.map((p) => p.network_id))];
  const groupIds = [...new Set(ports.flatMap((p) => p.security_groups))];
  const [networks, floatingIps, groups] = await Promise.all([
    netIds.length === 0 ? [] : neutron.networks.listAll({ id: netIds }),
    ports.length === 0 ? [] : neutron.floatingIps.listAll({ port_id: ports.map((p) => p.id) }),
    groupIds.length === 0 ? [] : neutron.securityGroups.listAll({ id: groupIds }),
  ]);
  const netName = new Map(networks.map((n) => [n.id, nameOf(n)]));
  const groupName = new Map(groups.map((g) => [g.id, nameOf(g)]));
  const interfaces = ports.map((p) => ({
    portId: p.id,
    name: p.name ?? "",
    networkId: p.network_id,
    networkName: netName.get(p.network_id) ?? p.network_id,
    macAddress: p.mac_address,
    status: p.status,
    fixedIps: p.fixed_ips.map((f) => ({ address: f.ip_address, subnetId: f.subnet_id })),
    securityGroups: p.security_groups.map((id) => ({ id, name: groupName.get(id) ?? id })),
    floatingIps: floatingIps
      .filter((f) => f.port_id === p.id)
      .map((f) => ({ id: f.id, address: f.floating_ip_address, fixedIp: f.fixed_ip_address })),
  }));
  return {
    projectId: server.tenant_id,
    interfaces,
    // The groups of every port (Nova's add/removeSecurityGroup keep them the same on all ports).
    securityGroups: [...groupName.entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export interface AttachInput {
  id: string;
  networkId?: string | undefined;
  portId?: string | undefined;
  fixedIp?: string | undefined;
}

/** Nova's `os-interface` attach: Nova (as the caller) creates the port on the network, or binds the given one. */
export async function attachInterface(cloud: Cloud, input: AttachInput) {
  const server = await serverOf(cloud, input.id);
  const nova = await cloud.nova();
  const attached = await nova.interfaces.attach(input.id, {
    netId: input.networkId,
    portId: input.portId,
    fixedIp: input.fixedIp,
  });
  return { projectId: server.tenant_id, portId: attached.port_id };
}

/** Detaches one of the instance's ports (refused when the port is not the instance's). */
export async function detachInterface(cloud: Cloud, input: { id: string; portId: string }) {
  const server = await serverOf(cloud, input.id);
  const neutron = await cloud.neutron();
  const ports = await portsOf(neutron, input.id);
  if (!ports.some((p) => p.id === input.portId)) {
    throw ZenithError.notFound(say("compute.portNotAttached", { port: input.portId, instance: server.name }));
  }
  await (await cloud.nova()).interfaces.detach(input.id, input.portId);
  return { projectId: server.tenant_id };
}

/**
 * Makes the groups of the instance exactly `wanted`, through Nova's
 * addSecurityGroup / removeSecurityGroup (so the server's `security_groups`
 * agree): additions first, so the instance is never left with none between
 * two calls when the sets overlap.
 */
export async function setSecurityGroups(cloud: Cloud, input: { id: string; securityGroupIds: string[] }) {
  const server = await serverOf(cloud, input.id);
  const neutron = await cloud.neutron();
  const ports = await portsOf(neutron, input.id);
  if (ports.length === 0) {
    throw ZenithError.badRequest(say("compute.noInterfaces"));
  }
  const anywhere = new Set(ports.flatMap((p) => p.security_groups));
  const wanted = new Set(input.securityGroupIds);
  const nova = await cloud.nova();
  // A group on some ports only (an interface attached later gets `default`) is added again, so every port has it.
  for (const id of wanted) {
    if (!ports.every((p) => p.security_groups.includes(id)))
      await nova.servers.addSecurityGroup(input.id, id);
  }
  for (const id of anywhere) if (!wanted.has(id)) await nova.servers.removeSecurityGroup(input.id, id);
  return { projectId: server.tenant_id };
}
