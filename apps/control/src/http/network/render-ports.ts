import { isNetworkAllowed } from "../../policy/network.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { portNotFound } from "../../services/network/errors.ts";
import type { CollectionSpec, Rendered } from "../../services/network/listing.ts";
import { type PortRecord, readPairs, readProfile } from "../../services/network/records.ts";
import { neutronTime, owner } from "./render-common.ts";

const ADMIN_BINDING = [
  "binding:host_id",
  "binding:vif_type",
  "binding:vif_details",
  "binding:profile",
] as const;

/** Linux bridge's vif details: the agent filters traffic on the port (security groups). */
function vifDetails(port: PortRecord): Record<string, unknown> {
  return port.vifType === "bridge" ? { port_filter: true, connectivity: "l2" } : {};
}

/** A port as upstream renders it; binding details only for those the policy lets see them. */
export function renderPort(port: PortRecord, ctx: AuthContext): Rendered {
  const binding: Record<string, unknown> = {
    "binding:host_id": port.bindingHost,
    "binding:vif_type": port.vifType,
    "binding:vif_details": vifDetails(port),
    "binding:profile": readProfile(port.bindingProfile),
  };
  const target = { projectId: port.projectId, networkProjectId: port.network.projectId };
  for (const key of ADMIN_BINDING) {
    if (!isNetworkAllowed(ctx, `get_port:${key}`, target)) delete binding[key];
  }
  const fixedIps = [...port.fixedIps]
    .sort((a, b) => (a.subnetId === b.subnetId ? 0 : a.subnetId < b.subnetId ? -1 : 1))
    .map((ip) => ({ subnet_id: ip.subnetId, ip_address: ip.ipAddress }));
  return {
    id: port.id,
    name: port.name,
    description: port.description,
    network_id: port.networkId,
    admin_state_up: port.adminStateUp,
    status: port.status,
    mac_address: port.macAddress,
    fixed_ips: fixedIps,
    device_id: port.deviceId,
    device_owner: port.deviceOwner,
    ...binding,
    "binding:vnic_type": port.vnicType,
    security_groups: port.securityGroups.map((g) => g.securityGroupId),
    port_security_enabled: port.portSecurityEnabled,
    allowed_address_pairs: readPairs(port.allowedAddressPairs),
    dns_name: port.dnsName,
    ip_allocation: "immediate",
    tags: port.tags,
    ...owner(port.projectId),
    revision_number: port.revisionNumber,
    created_at: neutronTime(port.createdAt),
    updated_at: neutronTime(port.updatedAt),
  };
}

function fixedIpsOf(item: Rendered): Array<{ subnet_id: string; ip_address: string }> {
  return Array.isArray(item.fixed_ips) ? item.fixed_ips : [];
}

/**
 * `fixed_ips=ip_address=10.0.0.5`, `fixed_ips=subnet_id=…` and
 * `fixed_ips=ip_address_substr=…` (what Tempest and Nova send): one key per
 * value; values of one key are alternatives, different keys must all hold.
 */
function fixedIpsFilter(item: Rendered, values: readonly string[]): boolean {
  const byKey = new Map<string, string[]>();
  for (const value of values) {
    const at = value.indexOf("=");
    const key = at < 0 ? "" : value.slice(0, at);
    byKey.set(key, [...(byKey.get(key) ?? []), value.slice(at + 1)]);
  }
  const ips = fixedIpsOf(item);
  for (const [key, wanted] of byKey) {
    const ok = ips.some((ip) => {
      if (key === "ip_address") return wanted.includes(ip.ip_address);
      if (key === "subnet_id") return wanted.includes(ip.subnet_id);
      if (key === "ip_address_substr") return wanted.some((w) => ip.ip_address.includes(w));
      return false;
    });
    if (!ok) return false;
  }
  return true;
}

export const PORT_SPEC: CollectionSpec = {
  attributes: new Set([
    "id",
    "name",
    "description",
    "network_id",
    "admin_state_up",
    "status",
    "mac_address",
    "fixed_ips",
    "device_id",
    "device_owner",
    ...ADMIN_BINDING,
    "binding:vnic_type",
    "security_groups",
    "port_security_enabled",
    "allowed_address_pairs",
    "dns_name",
    "ip_allocation",
    "project_id",
    "tenant_id",
    "revision_number",
    "created_at",
    "updated_at",
  ]),
  customFilters: {
    fixed_ips: fixedIpsFilter,
    ip_address: (item, values) => fixedIpsOf(item).some((ip) => values.includes(ip.ip_address)),
  },
  notFound: portNotFound,
};
