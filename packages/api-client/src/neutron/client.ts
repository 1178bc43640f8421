import { z } from "zod";
import { createHttpClient, type FetchLike, type HttpClient, type QueryValue } from "../http.ts";
import {
  type Agent,
  type Extension,
  type FloatingIp,
  type Network,
  type NetworkQuota,
  type NetworkQuotaDetails,
  type Port,
  type Router,
  type RouterInterface,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  ZAgent,
  ZExtension,
  ZFloatingIp,
  type ZHostRoute,
  ZLinks,
  ZNetwork,
  ZNetworkQuota,
  ZNetworkQuotaDetails,
  ZPort,
  ZRouter,
  ZRouterInterface,
  ZSecurityGroup,
  ZSecurityGroupRule,
  ZSubnet,
} from "./schemas.ts";

export interface NeutronClientOptions {
  /** The network endpoint from the catalog (type `network`); usually unversioned. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

/**
 * A Neutron list query: any attribute filter (`network_id`, `device_id`,
 * `router:external`, …; an array repeats the key), plus the common
 * `fields`, `sort_key`/`sort_dir`, `limit` and `marker`.
 */
export type NeutronQuery = Record<string, QueryValue>;

/** The catalog's network URL is normally the unversioned root; the API lives under `/v2.0`. */
export function neutronV2Url(endpoint: string): string {
  const url = endpoint.replace(/\/+$/, "");
  return /\/v2\.0$/.test(url) ? url : `${url}/v2.0`;
}

/** Upper bound on pages followed by `listAll`, so a looping `next` link cannot spin forever. */
const MAX_PAGES = 1000;
const enc = encodeURIComponent;

/**
 * CRUD for one Neutron collection (`/v2.0/<path>`), with the body wrapped
 * in the singular key as upstream does (`{"network": {...}}`). The URL and
 * the JSON key differ for some collections (`security-groups` is served as
 * `{"security_groups": [...]}`), hence `path`.
 */
function collection<T, C = Record<string, unknown>, U = Record<string, unknown>>(
  http: HttpClient,
  plural: string,
  singular: string,
  item: z.ZodType<T>,
  path: string = plural,
) {
  const listKey = plural;
  const one = z.object({ [singular]: item });
  const many = z.object({ [listKey]: z.array(item), [`${listKey}_links`]: ZLinks });
  const pick = (data: Record<string, unknown>, key: string) => data[key] as T;
  return {
    /** One page as the cloud answers it (all of them when no `limit` is given). */
    async list(query: NeutronQuery = {}): Promise<{ items: T[]; next: string | undefined }> {
      const res = await http.request({ path, query, schema: many });
      const data = res.data as Record<string, unknown>;
      const links = (data[`${listKey}_links`] as z.infer<typeof ZLinks>) ?? [];
      return { items: data[listKey] as T[], next: links.find((l) => l.rel === "next")?.href };
    },
    /**
     * Every item: one request unless the cloud pages on its own (a
     * `max_limit`), in which case `next` links are followed by marker.
     * A page that brings no item not already seen ends the walk, so a
     * cloud that ignores the marker (and repeats its first page) neither
     * spins nor duplicates items.
     */
    async listAll(query: NeutronQuery = {}): Promise<T[]> {
      const out: T[] = [];
      const seen = new Set<string>();
      let q: NeutronQuery = { ...query };
      for (let page = 0; page < MAX_PAGES; page++) {
        const { items, next } = await this.list(q);
        let fresh = 0;
        for (const item of items) {
          const id = (item as { id?: string }).id;
          if (id !== undefined && seen.has(id)) continue;
          if (id !== undefined) seen.add(id);
          out.push(item);
          fresh++;
        }
        const last = items.at(-1) as { id?: string } | undefined;
        if (!next || !last?.id || fresh === 0) return out;
        q = { ...query, marker: last.id };
      }
      return out;
    },
    async get(id: string, query: NeutronQuery = {}): Promise<T> {
      const res = await http.request({ path: `${path}/${enc(id)}`, query, schema: one });
      return pick(res.data as Record<string, unknown>, singular);
    },
    async create(body: C): Promise<T> {
      const res = await http.request({
        method: "POST",
        path,
        body: { [singular]: body },
        schema: one,
      });
      return pick(res.data as Record<string, unknown>, singular);
    },
    async update(id: string, body: U): Promise<T> {
      const res = await http.request({
        method: "PUT",
        path: `${path}/${enc(id)}`,
        body: { [singular]: body },
        schema: one,
      });
      return pick(res.data as Record<string, unknown>, singular);
    },
    async delete(id: string): Promise<void> {
      await http.send({ method: "DELETE", path: `${path}/${enc(id)}` });
    },
  };
}

export interface NetworkCreate {
  name?: string;
  description?: string;
  admin_state_up?: boolean;
  shared?: boolean;
  mtu?: number;
  port_security_enabled?: boolean;
  "router:external"?: boolean;
  "provider:network_type"?: string;
  "provider:physical_network"?: string;
  "provider:segmentation_id"?: number;
  project_id?: string;
}
export interface SubnetCreate {
  network_id: string;
  ip_version: 4 | 6;
  cidr?: string;
  name?: string;
  description?: string;
  gateway_ip?: string | null;
  enable_dhcp?: boolean;
  allocation_pools?: { start: string; end: string }[];
  dns_nameservers?: string[];
  host_routes?: { destination: string; nexthop: string }[];
  subnetpool_id?: string;
  prefixlen?: number;
  ipv6_address_mode?: string;
  ipv6_ra_mode?: string;
  project_id?: string;
}
export interface PortCreate {
  network_id: string;
  name?: string;
  description?: string;
  admin_state_up?: boolean;
  fixed_ips?: { subnet_id?: string; ip_address?: string }[];
  mac_address?: string;
  security_groups?: string[];
  port_security_enabled?: boolean;
  allowed_address_pairs?: { ip_address: string; mac_address?: string }[];
  device_id?: string;
  device_owner?: string;
  project_id?: string;
}
export interface RouterCreate {
  name?: string;
  description?: string;
  admin_state_up?: boolean;
  external_gateway_info?: { network_id: string; enable_snat?: boolean } | null;
  project_id?: string;
}
export interface FloatingIpCreate {
  floating_network_id: string;
  port_id?: string;
  fixed_ip_address?: string;
  floating_ip_address?: string;
  description?: string;
  project_id?: string;
}
export interface SecurityGroupRuleCreate {
  security_group_id: string;
  direction: "ingress" | "egress";
  ethertype?: "IPv4" | "IPv6";
  protocol?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
  description?: string;
}

/** Typed Neutron v2.0 client; every response is validated with zod. */
export function createNeutronClient(options: NeutronClientOptions) {
  const http = createHttpClient({
    baseUrl: neutronV2Url(options.endpoint),
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });

  const routers = collection<
    Router,
    RouterCreate,
    Partial<RouterCreate> & { routes?: z.infer<typeof ZHostRoute>[] }
  >(http, "routers", "router", ZRouter);

  async function routerInterface(
    action: "add_router_interface" | "remove_router_interface",
    routerId: string,
    target: { subnet_id: string } | { port_id: string },
  ): Promise<RouterInterface> {
    const res = await http.request({
      method: "PUT",
      path: `routers/${enc(routerId)}/${action}`,
      body: target,
      schema: ZRouterInterface,
    });
    return res.data;
  }

  async function quotaRequest<S extends z.ZodType>(
    path: string,
    schema: S,
    method: "GET" | "PUT" = "GET",
    body?: unknown,
  ) {
    const res = await http.request({ method, path, body, schema: z.object({ quota: schema }) });
    return (res.data as { quota: z.infer<S> }).quota;
  }

  return {
    http,
    networks: collection<Network, NetworkCreate, Partial<NetworkCreate>>(
      http,
      "networks",
      "network",
      ZNetwork,
    ),
    subnets: collection<
      Subnet,
      SubnetCreate,
      Partial<Omit<SubnetCreate, "network_id" | "ip_version" | "cidr">>
    >(http, "subnets", "subnet", ZSubnet),
    ports: collection<Port, PortCreate, Partial<Omit<PortCreate, "network_id">>>(
      http,
      "ports",
      "port",
      ZPort,
    ),
    routers: {
      ...routers,
      addInterface: (routerId: string, target: { subnet_id: string } | { port_id: string }) =>
        routerInterface("add_router_interface", routerId, target),
      removeInterface: (routerId: string, target: { subnet_id: string } | { port_id: string }) =>
        routerInterface("remove_router_interface", routerId, target),
    },
    floatingIps: collection<
      FloatingIp,
      FloatingIpCreate,
      { port_id: string | null; fixed_ip_address?: string; description?: string }
    >(http, "floatingips", "floatingip", ZFloatingIp),
    securityGroups: collection<
      SecurityGroup,
      { name: string; description?: string; stateful?: boolean },
      { name?: string; description?: string }
    >(http, "security_groups", "security_group", ZSecurityGroup, "security-groups"),
    securityGroupRules: collection<SecurityGroupRule, SecurityGroupRuleCreate, { description?: string }>(
      http,
      "security_group_rules",
      "security_group_rule",
      ZSecurityGroupRule,
      "security-group-rules",
    ),
    agents: collection<Agent, never, { admin_state_up?: boolean; description?: string }>(
      http,
      "agents",
      "agent",
      ZAgent,
    ),
    async extensions(): Promise<Extension[]> {
      const res = await http.request({
        path: "extensions",
        schema: z.object({ extensions: z.array(ZExtension) }),
      });
      return res.data.extensions;
    },
    quotas: {
      get: (projectId: string): Promise<NetworkQuota> =>
        quotaRequest(`quotas/${enc(projectId)}`, ZNetworkQuota),
      details: (projectId: string): Promise<NetworkQuotaDetails> =>
        quotaRequest(`quotas/${enc(projectId)}/details`, ZNetworkQuotaDetails),
      defaults: (projectId: string): Promise<NetworkQuota> =>
        quotaRequest(`quotas/${enc(projectId)}/default`, ZNetworkQuota),
      update: (projectId: string, quota: Partial<Record<string, number>>): Promise<NetworkQuota> =>
        quotaRequest(`quotas/${enc(projectId)}`, ZNetworkQuota, "PUT", { quota }),
      async reset(projectId: string): Promise<void> {
        await http.send({ method: "DELETE", path: `quotas/${enc(projectId)}` });
      },
    },
  };
}

export type NeutronClient = ReturnType<typeof createNeutronClient>;
