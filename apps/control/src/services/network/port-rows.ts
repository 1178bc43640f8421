import type { PrismaClient } from "@zenith/db/client";
import type { Port } from "@zenith/db/generated";
import { type Jsonified, selectList, utc } from "../json-rows.ts";
import type { PortRecord } from "./records.ts";

const PORT_COLUMNS = {
  id: "id",
  networkId: "network_id",
  projectId: "project_id",
  name: "name",
  description: "description",
  macAddress: "mac_address",
  adminStateUp: "admin_state_up",
  status: "status",
  deviceId: "device_id",
  deviceOwner: "device_owner",
  bindingHost: "binding_host",
  vifType: "vif_type",
  vnicType: "vnic_type",
  bindingProfile: "binding_profile",
  portSecurityEnabled: "port_security_enabled",
  allowedAddressPairs: "allowed_address_pairs",
  dnsName: "dns_name",
  tags: "tags",
  generation: "generation",
  wiredGeneration: "wired_generation",
  revisionNumber: "revision_number",
  createdAt: "created_at",
  updatedAt: "updated_at",
} as const satisfies Record<keyof Port, string>;

type PortJson = Jsonified<Port> & Pick<PortRecord, "fixedIps" | "securityGroups" | "network">;

/**
 * The ports with these ids as `findMany({ include: PORT_INCLUDE })` gives
 * them, in one query returning one JSON document (see json-rows.ts: a
 * project's port listing at 500 servers reads this); unordered.
 */
export async function portRecords(prisma: PrismaClient, ids: readonly string[]): Promise<PortRecord[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ doc: PortJson[] }>>`
    SELECT coalesce(json_agg(x), '[]'::json) AS doc FROM (
      SELECT ${selectList(PORT_COLUMNS, "p")},
        coalesce((SELECT json_agg(json_build_object('subnetId', a.subnet_id, 'ipAddress', a.ip_address))
          FROM ip_allocation a WHERE a.port_id = p.id), '[]'::json) AS "fixedIps",
        coalesce((SELECT json_agg(json_build_object('securityGroupId', s.security_group_id))
          FROM port_security_group s WHERE s.port_id = p.id), '[]'::json) AS "securityGroups",
        json_build_object('projectId', n.project_id) AS "network"
      FROM port p JOIN network n ON n.id = p.network_id
      WHERE p.id IN (SELECT unnest(${[...ids]}::text[]))
    ) x`;
  return (rows[0]?.doc ?? []).map((j) => ({
    ...j,
    createdAt: utc(j.createdAt),
    updatedAt: utc(j.updatedAt),
  }));
}
