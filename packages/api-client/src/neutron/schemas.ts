import { z } from "zod";

/**
 * Neutron v2.0 resource shapes. Only what the portal reads is required;
 * extension attributes are optional (a cloud may not serve the extension)
 * and unknown keys pass through (`loose`), so a newer Neutron still parses.
 */

const ZStandard = {
  id: z.string(),
  name: z.string().default(""),
  description: z.string().nullish(),
  tenant_id: z.string().nullish(),
  project_id: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  revision_number: z.number().nullish(),
};

export const ZNetwork = z
  .object({
    ...ZStandard,
    status: z.string(),
    admin_state_up: z.boolean(),
    shared: z.boolean().default(false),
    subnets: z.array(z.string()).default([]),
    mtu: z.number().nullish(),
    "router:external": z.boolean().optional(),
    port_security_enabled: z.boolean().optional(),
    availability_zones: z.array(z.string()).optional(),
    "provider:network_type": z.string().nullish(),
    "provider:physical_network": z.string().nullish(),
    "provider:segmentation_id": z.number().nullish(),
  })
  .loose();
export type Network = z.infer<typeof ZNetwork>;

export const ZAllocationPool = z.object({ start: z.string(), end: z.string() });
export const ZHostRoute = z.object({ destination: z.string(), nexthop: z.string() });

export const ZSubnet = z
  .object({
    ...ZStandard,
    network_id: z.string(),
    ip_version: z.number(),
    cidr: z.string(),
    gateway_ip: z.string().nullable(),
    enable_dhcp: z.boolean(),
    allocation_pools: z.array(ZAllocationPool).default([]),
    dns_nameservers: z.array(z.string()).default([]),
    host_routes: z.array(ZHostRoute).default([]),
    ipv6_address_mode: z.string().nullish(),
    ipv6_ra_mode: z.string().nullish(),
    subnetpool_id: z.string().nullish(),
  })
  .loose();
export type Subnet = z.infer<typeof ZSubnet>;

export const ZFixedIp = z.object({ subnet_id: z.string(), ip_address: z.string() });
export type FixedIp = z.infer<typeof ZFixedIp>;

export const ZPort = z
  .object({
    ...ZStandard,
    network_id: z.string(),
    mac_address: z.string(),
    admin_state_up: z.boolean(),
    status: z.string(),
    device_id: z.string().default(""),
    device_owner: z.string().default(""),
    fixed_ips: z.array(ZFixedIp).default([]),
    security_groups: z.array(z.string()).default([]),
    port_security_enabled: z.boolean().optional(),
    allowed_address_pairs: z
      .array(z.object({ ip_address: z.string(), mac_address: z.string().optional() }))
      .optional(),
    "binding:host_id": z.string().nullish(),
    "binding:vif_type": z.string().nullish(),
    "binding:vnic_type": z.string().nullish(),
  })
  .loose();
export type Port = z.infer<typeof ZPort>;

export const ZExternalGatewayInfo = z
  .object({
    network_id: z.string(),
    enable_snat: z.boolean().optional(),
    external_fixed_ips: z.array(ZFixedIp).optional(),
  })
  .loose();

export const ZRouter = z
  .object({
    ...ZStandard,
    status: z.string(),
    admin_state_up: z.boolean(),
    external_gateway_info: ZExternalGatewayInfo.nullable().default(null),
    routes: z.array(ZHostRoute).default([]),
    distributed: z.boolean().optional(),
    ha: z.boolean().optional(),
    availability_zones: z.array(z.string()).optional(),
  })
  .loose();
export type Router = z.infer<typeof ZRouter>;

export const ZRouterInterface = z
  .object({
    id: z.string(),
    subnet_id: z.string(),
    subnet_ids: z.array(z.string()).optional(),
    port_id: z.string(),
    network_id: z.string().optional(),
    tenant_id: z.string().optional(),
    project_id: z.string().optional(),
  })
  .loose();
export type RouterInterface = z.infer<typeof ZRouterInterface>;

export const ZFloatingIp = z
  .object({
    id: z.string(),
    description: z.string().nullish(),
    tenant_id: z.string().nullish(),
    project_id: z.string().nullish(),
    floating_network_id: z.string(),
    floating_ip_address: z.string(),
    fixed_ip_address: z.string().nullable(),
    port_id: z.string().nullable(),
    router_id: z.string().nullable(),
    status: z.string(),
    tags: z.array(z.string()).optional(),
    created_at: z.string().nullish(),
    updated_at: z.string().nullish(),
    port_details: z
      .object({
        name: z.string().optional(),
        network_id: z.string().optional(),
        mac_address: z.string().optional(),
        admin_state_up: z.boolean().optional(),
        status: z.string().optional(),
        device_id: z.string().optional(),
        device_owner: z.string().optional(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type FloatingIp = z.infer<typeof ZFloatingIp>;

export const ZSecurityGroupRule = z
  .object({
    id: z.string(),
    security_group_id: z.string(),
    direction: z.enum(["ingress", "egress"]),
    ethertype: z.string(),
    protocol: z.string().nullable(),
    port_range_min: z.number().nullable(),
    port_range_max: z.number().nullable(),
    remote_ip_prefix: z.string().nullable(),
    remote_group_id: z.string().nullable(),
    description: z.string().nullish(),
    tenant_id: z.string().nullish(),
    project_id: z.string().nullish(),
  })
  .loose();
export type SecurityGroupRule = z.infer<typeof ZSecurityGroupRule>;

export const ZSecurityGroup = z
  .object({
    ...ZStandard,
    stateful: z.boolean().optional(),
    shared: z.boolean().optional(),
    security_group_rules: z.array(ZSecurityGroupRule).default([]),
  })
  .loose();
export type SecurityGroup = z.infer<typeof ZSecurityGroup>;

export const ZAgent = z
  .object({
    id: z.string(),
    agent_type: z.string(),
    binary: z.string(),
    host: z.string(),
    topic: z.string().nullish(),
    alive: z.boolean(),
    admin_state_up: z.boolean(),
    heartbeat_timestamp: z.string().nullish(),
    started_at: z.string().nullish(),
    created_at: z.string().nullish(),
    availability_zone: z.string().nullish(),
    description: z.string().nullish(),
    configurations: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type Agent = z.infer<typeof ZAgent>;

export const ZExtension = z
  .object({ alias: z.string(), name: z.string(), description: z.string().nullish() })
  .loose();
export type Extension = z.infer<typeof ZExtension>;

/** Neutron's quota keys (`/quotas/{project}`): -1 means unlimited. */
export const NETWORK_QUOTA_KEYS = [
  "network",
  "subnet",
  "subnetpool",
  "port",
  "router",
  "floatingip",
  "security_group",
  "security_group_rule",
  "rbac_policy",
] as const;
export type NetworkQuotaKey = (typeof NETWORK_QUOTA_KEYS)[number];

export const ZNetworkQuota = z.record(z.string(), z.number());
export type NetworkQuota = z.infer<typeof ZNetworkQuota>;
export const ZNetworkQuotaDetail = z.object({ limit: z.number(), used: z.number(), reserved: z.number() });
export type NetworkQuotaDetail = z.infer<typeof ZNetworkQuotaDetail>;
export const ZNetworkQuotaDetails = z.record(z.string(), ZNetworkQuotaDetail);
export type NetworkQuotaDetails = z.infer<typeof ZNetworkQuotaDetails>;

/** `{"<plural>": [...], "<plural>_links": [{rel: "next", href}]}`. */
export const ZLinks = z.array(z.object({ rel: z.string(), href: z.string() })).optional();
