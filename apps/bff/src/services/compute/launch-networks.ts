import type { Network, NeutronClient, Port, SecurityGroup, Subnet } from "@zenith/api-client/neutron";
import { isZenithError } from "@zenith/core/errors";
import type { Cloud } from "../cloud/clients.ts";

/**
 * What the launch wizard's Networks step and the Attach interface dialog
 * offer: networks an instance of `projectId` may be plugged into (its own
 * and shared ones; an external network only when shared, as Nova refuses
 * the others), its free ports, its security groups and its port quota.
 * Six Neutron calls whatever the size of the cloud.
 */
export interface NetworkChoice {
  id: string;
  name: string;
  shared: boolean;
  external: boolean;
  status: string;
  subnets: { id: string; name: string; cidr: string; ipVersion: number }[];
}

export interface FreePort {
  id: string;
  name: string;
  networkId: string;
  networkName: string;
  macAddress: string;
  fixedIps: string[];
}

export interface LaunchNetworkOptions {
  networks: NetworkChoice[];
  ports: FreePort[];
  securityGroups: { id: string; name: string; description: string }[];
  /** Neutron's port quota of the project; null when the cloud does not tell. */
  portQuota: { used: number; limit: number } | null;
}

function nameOf(item: { id: string; name?: string | null | undefined }): string {
  return item.name ? item.name : item.id;
}

/** A network a member of `projectId` can plug an instance into. */
export function isUsableNetwork(network: Network, projectId: string): boolean {
  const own = (network.project_id ?? network.tenant_id) === projectId;
  if (network["router:external"] === true) return network.shared;
  return own || network.shared;
}

/** A port nobody uses yet: no device, no owner. */
export function isFreePort(port: Port, projectId: string): boolean {
  return (
    (port.project_id ?? port.tenant_id) === projectId && port.device_id === "" && port.device_owner === ""
  );
}

function toChoice(network: Network, subnets: Subnet[]): NetworkChoice {
  return {
    id: network.id,
    name: nameOf(network),
    shared: network.shared,
    external: network["router:external"] === true,
    status: network.status,
    subnets: subnets
      .filter((s) => s.network_id === network.id)
      .map((s) => ({ id: s.id, name: nameOf(s), cidr: s.cidr, ipVersion: s.ip_version })),
  };
}

function toGroup(g: SecurityGroup) {
  return { id: g.id, name: nameOf(g), description: g.description ?? "" };
}

async function portQuotaOf(neutron: NeutronClient, projectId: string) {
  try {
    const port = (await neutron.quotas.details(projectId)).port;
    return port ? { used: port.used + port.reserved, limit: port.limit } : null;
  } catch {
    // Quota details are an extension (quota_details); without it the step just shows no count.
    return null;
  }
}

export async function launchNetworkOptions(cloud: Cloud, projectId: string): Promise<LaunchNetworkOptions> {
  const neutron = await cloud.neutron();
  // Own and shared networks asked for apart: an admin would otherwise list every project's.
  // The filters below still keep the project's view (a cloud may ignore a filter).
  const [own, shared, subnets, ports, groups, portQuota] = await Promise.all([
    neutron.networks.listAll({ project_id: projectId }),
    neutron.networks.listAll({ shared: true }),
    neutron.subnets.listAll({}),
    neutron.ports.listAll({ project_id: projectId }),
    neutron.securityGroups.listAll({ project_id: projectId }),
    portQuotaOf(neutron, projectId),
  ]);
  const networks = [...new Map([...own, ...shared].map((n) => [n.id, n])).values()];
  const usable = networks
    .filter((n) => isUsableNetwork(n, projectId))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const names = new Map(networks.map((n) => [n.id, nameOf(n)]));
  return {
    networks: usable.map((n) => toChoice(n, subnets)),
    ports: ports
      .filter((p) => isFreePort(p, projectId))
      .map((p) => ({
        id: p.id,
        name: p.name ?? "",
        networkId: p.network_id,
        networkName: names.get(p.network_id) ?? p.network_id,
        macAddress: p.mac_address,
        fixedIps: p.fixed_ips.map((f) => f.ip_address),
      })),
    securityGroups: groups
      .filter((g) => (g.project_id ?? g.tenant_id) === projectId)
      .map(toGroup)
      .sort((a, b) => a.name.localeCompare(b.name)),
    portQuota,
  };
}

/** The same, or null on a cloud without a network service (the wizard then lets Nova choose). */
export async function launchNetworkOptionsIfAny(
  cloud: Cloud,
  projectId: string,
): Promise<LaunchNetworkOptions | null> {
  try {
    return await launchNetworkOptions(cloud, projectId);
  } catch (err) {
    if (isZenithError(err) && err.code === "SERVICE_UNAVAILABLE") return null;
    throw err;
  }
}
