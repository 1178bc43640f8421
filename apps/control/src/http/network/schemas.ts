import { z } from "zod";
import { NETWORK_TYPES } from "../../services/network/networks.ts";
import { VNIC_TYPES } from "../../services/network/port-rules.ts";
import { IPV6_MODES } from "../../services/network/subnets.ts";
import { idParam } from "../parse.ts";

/**
 * Request bodies of the Network API. Objects are strict: Neutron refuses
 * attributes it does not know ("Unrecognized attribute(s)"), so a client
 * never believes an unsupported attribute took effect.
 */

/** Neutron's convert_to_boolean: JSON booleans, and the strings clients sometimes send. */
export const neutronBool = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False"]).transform((v) => v.toLowerCase() === "true"),
]);
const text255 = z.string().max(255);
const projectRef = z.string().min(1).max(255);
const uuidRef = z.string().min(1).max(255);
const tags = z.array(z.string().min(1).max(255)).max(64);
const ipText = z.string().min(1).max(64);

const networkAttributes = {
  name: text255.optional(),
  description: text255.optional(),
  admin_state_up: neutronBool.optional(),
  shared: neutronBool.optional(),
  "router:external": neutronBool.optional(),
  "provider:network_type": z.enum(NETWORK_TYPES).optional(),
  "provider:physical_network": z.string().min(1).max(64).nullable().optional(),
  "provider:segmentation_id": z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable()
    .optional(),
  mtu: z.number().int().min(68).max(9216).optional(),
  port_security_enabled: neutronBool.optional(),
  availability_zone_hints: z.array(z.literal("nova")).max(1).optional(),
  tags: tags.optional(),
};
export const ZNetworkCreate = z.strictObject({
  ...networkAttributes,
  project_id: projectRef.optional(),
  tenant_id: projectRef.optional(),
});
export const ZNetworkUpdate = z.strictObject(networkAttributes);

const pool = z.strictObject({ start: ipText, end: ipText });
const route = z.strictObject({ destination: z.string().min(1).max(64), nexthop: ipText });
const subnetMutable = {
  name: text255.optional(),
  description: text255.optional(),
  gateway_ip: ipText.nullable().optional(),
  allocation_pools: z.array(pool).max(64).optional(),
  enable_dhcp: neutronBool.optional(),
  dns_nameservers: z.array(ipText).max(16).optional(),
  host_routes: z.array(route).max(32).optional(),
  tags: tags.optional(),
};
export const ZSubnetCreate = z.strictObject({
  ...subnetMutable,
  network_id: uuidRef,
  // Optional with a subnet pool (subnet_allocation), which then may take `prefixlen`.
  cidr: z.string().min(1).max(64).optional(),
  ip_version: z.union([z.literal(4), z.literal(6), z.enum(["4", "6"]).transform(Number)]).optional(),
  ipv6_ra_mode: z.enum(IPV6_MODES).nullable().optional(),
  ipv6_address_mode: z.enum(IPV6_MODES).nullable().optional(),
  subnetpool_id: uuidRef.nullable().optional(),
  prefixlen: z.coerce.number().int().min(0).max(128).optional(),
  use_default_subnetpool: neutronBool.optional(),
  service_types: z.array(z.string()).max(0).optional(),
  project_id: projectRef.optional(),
  tenant_id: projectRef.optional(),
});
export const ZSubnetUpdate = z.strictObject(subnetMutable);

const fixedIp = z.strictObject({ subnet_id: uuidRef.optional(), ip_address: ipText.optional() });
const addressPair = z.strictObject({
  ip_address: z.string().min(1).max(64),
  mac_address: z.string().max(32).optional(),
});
/** binding:profile is free-form, but bounded: 4 KiB of JSON. */
const profile = z
  .record(z.string().max(255), z.json())
  .refine((p) => JSON.stringify(p).length <= 4096, { message: "binding:profile is limited to 4096 bytes" });
const portMutable = {
  name: text255.optional(),
  description: text255.optional(),
  admin_state_up: neutronBool.optional(),
  mac_address: z.string().max(32).optional(),
  fixed_ips: z.array(fixedIp).max(20).optional(),
  device_id: text255.optional(),
  device_owner: text255.optional(),
  "binding:host_id": text255.optional(),
  "binding:profile": profile.nullable().optional(),
  "binding:vnic_type": z.enum(VNIC_TYPES).optional(),
  security_groups: z.array(uuidRef).max(64).nullable().optional(),
  port_security_enabled: neutronBool.optional(),
  allowed_address_pairs: z.array(addressPair).max(64).nullable().optional(),
  dns_name: text255.optional(),
  tags: tags.optional(),
};
export const ZPortCreate = z.strictObject({
  ...portMutable,
  network_id: uuidRef,
  project_id: projectRef.optional(),
  tenant_id: projectRef.optional(),
});
export const ZPortUpdate = z.strictObject(portMutable);

/** `{"network": {...}}` or, for bulk creation, `{"networks": [...]}`. */
export function createBody<S extends z.ZodType>(singular: string, plural: string, item: S) {
  return z.union([
    z
      .strictObject({ [singular]: item })
      .transform((b) => ({ bulk: false, items: [b[singular] as z.infer<S>] })),
    z.strictObject({ [plural]: z.array(item).min(1).max(100) }).transform((b) => ({
      bulk: true,
      items: b[plural] as Array<z.infer<S>>,
    })),
  ]);
}

export function updateBody<S extends z.ZodType>(singular: string, item: S) {
  return z.strictObject({ [singular]: item }).transform((b) => b[singular] as z.infer<S>);
}

export const ZIdParams = z.object({ id: idParam });
