import { isNetworkAllowed } from "../../policy/network.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { networkNotFound } from "../../services/network/errors.ts";
import type { CollectionSpec, Rendered } from "../../services/network/listing.ts";
import type { NetworkRecord } from "../../services/network/records.ts";
import { neutronTime, owner } from "./render-common.ts";

const PROVIDER = ["provider:network_type", "provider:physical_network", "provider:segmentation_id"] as const;

/** A network as upstream renders it; the provider attributes only for those the policy lets see them. */
export function renderNetwork(network: NetworkRecord, ctx: AuthContext): Rendered {
  const provider: Record<string, unknown> = {
    "provider:network_type": network.networkType,
    "provider:physical_network": network.physicalNetwork,
    "provider:segmentation_id": network.segmentationId,
  };
  const target = { projectId: network.projectId };
  for (const key of PROVIDER) {
    if (!isNetworkAllowed(ctx, `get_network:${key}`, target)) delete provider[key];
  }
  return {
    id: network.id,
    name: network.name,
    description: network.description,
    admin_state_up: network.adminStateUp,
    status: network.status,
    shared: network.shared,
    "router:external": network.external,
    ...provider,
    mtu: network.mtu,
    port_security_enabled: network.portSecurityEnabled,
    subnets: network.subnets.map((s) => s.id),
    availability_zone_hints: [],
    availability_zones: ["nova"],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    l2_adjacency: true,
    tags: network.tags,
    ...owner(network.projectId),
    revision_number: network.revisionNumber,
    created_at: neutronTime(network.createdAt),
    updated_at: neutronTime(network.updatedAt),
  };
}

export const NETWORK_SPEC: CollectionSpec = {
  attributes: new Set([
    "id",
    "name",
    "description",
    "admin_state_up",
    "status",
    "shared",
    "router:external",
    ...PROVIDER,
    "mtu",
    "port_security_enabled",
    "subnets",
    "availability_zone_hints",
    "availability_zones",
    "ipv4_address_scope",
    "ipv6_address_scope",
    "l2_adjacency",
    "project_id",
    "tenant_id",
    "revision_number",
    "created_at",
    "updated_at",
  ]),
  notFound: networkNotFound,
};
