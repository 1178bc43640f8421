import type { FloatingIpView } from "../../services/network/l3/floating-ips.ts";
import type { InterfaceInfo } from "../../services/network/l3/router-interfaces.ts";
import type { RouterView } from "../../services/network/l3/routers.ts";
import type { GroupWithRules } from "../../services/network/security-groups/groups.ts";
import type { RuleRow } from "../../services/network/security-groups/rules.ts";
import { neutronTime, owner } from "./render-common.ts";

function standard(row: { createdAt: Date; updatedAt: Date; revisionNumber: number }) {
  return {
    created_at: neutronTime(row.createdAt),
    updated_at: neutronTime(row.updatedAt),
    revision_number: row.revisionNumber,
  };
}

export function renderRouter(row: RouterView) {
  const gateway =
    row.gatewayNetworkId === null
      ? null
      : {
          network_id: row.gatewayNetworkId,
          enable_snat: row.enableSnat,
          external_fixed_ips: (row.gatewayPort?.fixedIps ?? []).map((a) => ({
            subnet_id: a.subnetId,
            ip_address: a.ipAddress,
          })),
        };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    admin_state_up: row.adminStateUp,
    status: row.status,
    ...owner(row.projectId),
    external_gateway_info: gateway,
    routes: row.routes,
    availability_zone_hints: [],
    availability_zones: ["nova"],
    tags: row.tags,
    ...standard(row),
  };
}

export function renderInterface(info: InterfaceInfo) {
  return {
    id: info.routerId,
    network_id: info.networkId,
    port_id: info.portId,
    subnet_id: info.subnetIds[0] ?? null,
    subnet_ids: info.subnetIds,
    ...owner(info.projectId),
    tags: [],
  };
}

export function renderFloatingIp(row: FloatingIpView) {
  const port = row.port;
  // Deleting the associated port nulls port_id alone (the schema's SetNull): the rest of the association went with it.
  const associated = row.portId !== null;
  return {
    id: row.id,
    floating_ip_address: row.floatingIpAddress,
    floating_network_id: row.floatingNetworkId,
    router_id: associated ? row.routerId : null,
    port_id: row.portId,
    fixed_ip_address: associated ? row.fixedIpAddress : null,
    status: row.status,
    description: row.description,
    ...owner(row.projectId),
    port_details:
      port === null
        ? null
        : {
            name: port.name,
            network_id: port.networkId,
            mac_address: port.macAddress,
            admin_state_up: port.adminStateUp,
            status: port.status,
            device_id: port.deviceId,
            device_owner: port.deviceOwner,
          },
    tags: row.tags,
    ...standard(row),
  };
}

export function renderRule(row: RuleRow) {
  return {
    id: row.id,
    security_group_id: row.securityGroupId,
    direction: row.direction,
    ethertype: row.ethertype,
    protocol: row.protocol,
    port_range_min: row.portRangeMin,
    port_range_max: row.portRangeMax,
    remote_ip_prefix: row.remoteIpPrefix,
    remote_group_id: row.remoteGroupId,
    remote_address_group_id: null,
    description: row.description,
    ...owner(row.projectId),
    belongs_to_default_sg: row.defaultGroup,
    ...standard(row),
  };
}

export function renderSecurityGroup(row: GroupWithRules) {
  const defaultGroup = row.defaultFor !== null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ...owner(row.projectId),
    stateful: row.stateful,
    shared: false,
    security_group_rules: row.rules.map((rule) => renderRule({ ...rule, defaultGroup })),
    tags: row.tags,
    ...standard(row),
  };
}
