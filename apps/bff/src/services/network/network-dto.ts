import type { Network, Port, Subnet } from "@zenith/api-client/neutron";

/** Who is asking: the project in the session, and whether the session is a cloud admin's. */
export interface NetworkScope {
  token: string;
  projectId: string;
  isAdmin: boolean;
}

export interface SubnetBrief {
  id: string;
  name: string;
  cidr: string;
  ipVersion: number;
}

export interface NetworkSummary {
  id: string;
  name: string;
  description: string;
  status: string;
  adminStateUp: boolean;
  shared: boolean;
  external: boolean;
  projectId: string | null;
  projectName?: string | undefined;
  /** Whether the session's project owns it (what members may edit or delete). */
  own: boolean;
  subnets: SubnetBrief[];
  networkType: string | null;
  physicalNetwork: string | null;
  segmentationId: number | null;
  mtu: number | null;
  created: string | null;
}

export interface SubnetDto extends SubnetBrief {
  networkId: string;
  projectId: string | null;
  gatewayIp: string | null;
  enableDhcp: boolean;
  allocationPools: { start: string; end: string }[];
  dnsNameservers: string[];
  hostRoutes: { destination: string; nexthop: string }[];
}

export type PortOwnerKind =
  | "instance"
  | "router-interface"
  | "router-gateway"
  | "dhcp"
  | "floating-ip"
  | "other"
  | "none";

export interface PortDto {
  id: string;
  name: string;
  status: string;
  adminStateUp: boolean;
  macAddress: string;
  fixedIps: { ip: string; subnetId: string }[];
  deviceOwner: string;
  owner: { kind: PortOwnerKind; id: string; name: string | null };
  projectId: string | null;
}

export const projectOf = (r: { project_id?: string | null; tenant_id?: string | null }): string | null =>
  r.project_id ?? r.tenant_id ?? null;

export function toNetworkSummary(
  n: Network,
  subnets: ReadonlyMap<string, Subnet>,
  scope: NetworkScope,
  projectName?: string,
): NetworkSummary {
  const projectId = projectOf(n);
  return {
    id: n.id,
    name: n.name,
    description: n.description ?? "",
    status: n.status,
    adminStateUp: n.admin_state_up,
    shared: n.shared,
    external: n["router:external"] ?? false,
    projectId,
    ...(projectName !== undefined ? { projectName } : {}),
    own: projectId === scope.projectId,
    subnets: n.subnets.flatMap((id) => {
      const s = subnets.get(id);
      return s ? [{ id: s.id, name: s.name, cidr: s.cidr, ipVersion: s.ip_version }] : [];
    }),
    networkType: n["provider:network_type"] ?? null,
    physicalNetwork: n["provider:physical_network"] ?? null,
    segmentationId: n["provider:segmentation_id"] ?? null,
    mtu: n.mtu ?? null,
    created: n.created_at ?? null,
  };
}

export function toSubnetDto(s: Subnet): SubnetDto {
  return {
    id: s.id,
    name: s.name,
    cidr: s.cidr,
    ipVersion: s.ip_version,
    networkId: s.network_id,
    projectId: projectOf(s),
    gatewayIp: s.gateway_ip,
    enableDhcp: s.enable_dhcp,
    allocationPools: s.allocation_pools,
    dnsNameservers: s.dns_nameservers,
    hostRoutes: s.host_routes,
  };
}

/** What a port's `device_owner` says it belongs to. */
export function ownerKindOf(port: Port): PortOwnerKind {
  const owner = port.device_owner;
  if (owner.startsWith("compute:")) return "instance";
  if (owner === "network:router_interface" || owner === "network:router_interface_distributed")
    return "router-interface";
  if (owner === "network:router_gateway") return "router-gateway";
  if (owner === "network:dhcp") return "dhcp";
  if (owner === "network:floatingip") return "floating-ip";
  return owner === "" && port.device_id === "" ? "none" : "other";
}
