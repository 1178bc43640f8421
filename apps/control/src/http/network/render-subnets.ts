import { subnetNotFound } from "../../services/network/errors.ts";
import type { CollectionSpec, Rendered } from "../../services/network/listing.ts";
import { readPools, readRoutes, type SubnetRecord } from "../../services/network/records.ts";
import { neutronTime, owner } from "./render-common.ts";

export function renderSubnet(subnet: SubnetRecord): Rendered {
  return {
    id: subnet.id,
    name: subnet.name,
    description: subnet.description,
    network_id: subnet.networkId,
    ip_version: subnet.ipVersion,
    cidr: subnet.cidr,
    gateway_ip: subnet.gatewayIp,
    allocation_pools: readPools(subnet.allocationPools),
    enable_dhcp: subnet.enableDhcp,
    dns_nameservers: subnet.dnsNameservers,
    host_routes: readRoutes(subnet.hostRoutes),
    ipv6_ra_mode: subnet.ipv6RaMode,
    ipv6_address_mode: subnet.ipv6AddressMode,
    subnetpool_id: subnet.subnetpoolId,
    service_types: [],
    tags: subnet.tags,
    ...owner(subnet.projectId),
    revision_number: subnet.revisionNumber,
    created_at: neutronTime(subnet.createdAt),
    updated_at: neutronTime(subnet.updatedAt),
  };
}

export const SUBNET_SPEC: CollectionSpec = {
  attributes: new Set([
    "id",
    "name",
    "description",
    "network_id",
    "ip_version",
    "cidr",
    "gateway_ip",
    "allocation_pools",
    "enable_dhcp",
    "dns_nameservers",
    "host_routes",
    "ipv6_ra_mode",
    "ipv6_address_mode",
    "subnetpool_id",
    "service_types",
    "project_id",
    "tenant_id",
    "revision_number",
    "created_at",
    "updated_at",
  ]),
  notFound: subnetNotFound,
};
