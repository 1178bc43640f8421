import type { NeutronClient, Subnet, SubnetCreate } from "@zenith/api-client/neutron";
import { parseCidr, versionOf } from "@zenith/net-rules/ip";
import type { Cloud } from "../cloud/clients.ts";
import { announceNetworkChange } from "./changes.ts";
import { type NetworkScope, projectOf, type SubnetDto, toSubnetDto } from "./network-dto.ts";
import { subnetError } from "./subnet-errors.ts";

export interface SubnetInput {
  name: string;
  cidr: string;
  /** Omitted: Neutron picks the first address; null: no gateway. */
  gatewayIp?: string | null | undefined;
  enableDhcp: boolean;
  dnsNameservers: string[];
  allocationPools: { start: string; end: string }[];
  hostRoutes: { destination: string; nexthop: string }[];
}

/** Creates a subnet; refusals carry the API's message on the field they concern (`prefix` + field). */
export async function createSubnetOn(
  neutron: NeutronClient,
  networkId: string,
  input: SubnetInput,
  projectId: string | undefined,
  prefix = "",
): Promise<Subnet> {
  const cidr = parseCidr(input.cidr);
  const body: SubnetCreate = {
    network_id: networkId,
    ip_version: cidr ? versionOf(cidr) : 4,
    cidr: input.cidr.trim(),
    name: input.name,
    enable_dhcp: input.enableDhcp,
    dns_nameservers: input.dnsNameservers,
    host_routes: input.hostRoutes,
  };
  if (input.gatewayIp !== undefined) body.gateway_ip = input.gatewayIp;
  if (input.allocationPools.length > 0) body.allocation_pools = input.allocationPools;
  if (projectId) body.project_id = projectId;
  try {
    return await neutron.subnets.create(body);
  } catch (err) {
    throw subnetError(err, prefix);
  }
}

export async function createSubnet(
  cloud: Cloud,
  scope: NetworkScope,
  networkId: string,
  input: SubnetInput,
): Promise<SubnetDto> {
  const neutron = await cloud.neutron();
  const subnet = await createSubnetOn(neutron, networkId, input, undefined);
  announceNetworkChange(projectOf(subnet) ?? scope.projectId);
  return toSubnetDto(subnet);
}

export interface SubnetUpdate {
  id: string;
  name?: string | undefined;
  gatewayIp?: string | null | undefined;
  enableDhcp?: boolean | undefined;
  dnsNameservers?: string[] | undefined;
  allocationPools?: { start: string; end: string }[] | undefined;
  hostRoutes?: { destination: string; nexthop: string }[] | undefined;
}

export async function updateSubnet(
  cloud: Cloud,
  scope: NetworkScope,
  input: SubnetUpdate,
): Promise<SubnetDto> {
  const neutron = await cloud.neutron();
  const body: Partial<Omit<SubnetCreate, "network_id" | "ip_version" | "cidr">> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.gatewayIp !== undefined) body.gateway_ip = input.gatewayIp;
  if (input.enableDhcp !== undefined) body.enable_dhcp = input.enableDhcp;
  if (input.dnsNameservers !== undefined) body.dns_nameservers = input.dnsNameservers;
  if (input.allocationPools !== undefined) body.allocation_pools = input.allocationPools;
  if (input.hostRoutes !== undefined) body.host_routes = input.hostRoutes;
  try {
    const subnet = await neutron.subnets.update(input.id, body);
    announceNetworkChange(projectOf(subnet) ?? scope.projectId);
    return toSubnetDto(subnet);
  } catch (err) {
    throw subnetError(err);
  }
}

export async function deleteSubnet(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const subnet = await neutron.subnets.get(id);
  await neutron.subnets.delete(id);
  announceNetworkChange(projectOf(subnet) ?? scope.projectId);
}
