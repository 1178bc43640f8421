import type { Network, Subnet } from "@zenith/api-client/neutron";
import { overlaps, parseCidr } from "@zenith/net-rules/ip";
import type { Cloud } from "../cloud/clients.ts";
import { type NetworkScope, projectOf, ROUTER_INTERFACE_OWNERS } from "./router-dto.ts";

export interface RouterSubnetOption {
  id: string;
  name: string;
  cidr: string;
  ipVersion: number;
  networkId: string;
  networkName: string;
  gatewayIp: string | null;
  /** False when the subnet has no gateway or another router holds it: then an address must be chosen. */
  gatewayFree: boolean;
  /** Why the subnet cannot be attached to this router at all (it overlaps one already attached). */
  blockedReason: string | null;
}

export interface RouterOptions {
  externalNetworks: { id: string; name: string }[];
  subnets: RouterSubnetOption[];
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== null && y !== null && overlaps(x, y);
}

/**
 * What the router dialogs offer: the external networks for a gateway and
 * the subnets an interface can go on (the router's project's own and shared
 * ones, not those already on the router). Bounded: at most six calls.
 */
export async function routerOptions(
  cloud: Cloud,
  scope: NetworkScope,
  input: { routerId?: string | undefined },
): Promise<RouterOptions> {
  const neutron = await cloud.neutron();
  const router = input.routerId ? await neutron.routers.get(input.routerId) : undefined;
  const project = router ? projectOf(router) : scope.projectId;
  const [external, own, shared] = await Promise.all([
    neutron.networks.listAll({ "router:external": true }),
    neutron.networks.listAll({ project_id: project }),
    neutron.networks.listAll({ shared: true }),
  ]);
  const candidates = new Map<string, Network>();
  for (const n of [...own, ...shared]) if (n["router:external"] !== true) candidates.set(n.id, n);
  const networkIds = [...candidates.keys()];
  const [subnets, interfaces] =
    networkIds.length === 0
      ? [[], []]
      : await Promise.all([
          neutron.subnets.listAll({ network_id: networkIds }),
          neutron.ports.listAll({ network_id: networkIds, device_owner: [...ROUTER_INTERFACE_OWNERS] }),
        ]);
  const onRouter = new Set(
    interfaces
      .filter((p) => router && p.device_id === router.id)
      .flatMap((p) => p.fixed_ips.map((ip) => ip.subnet_id)),
  );
  const attached = subnets.filter((s) => onRouter.has(s.id));
  const heldAddresses = new Set(
    interfaces.flatMap((p) => p.fixed_ips.map((ip) => `${ip.subnet_id}/${ip.ip_address}`)),
  );
  return {
    externalNetworks: external
      .map((n) => ({ id: n.id, name: n.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    subnets: subnets
      .filter((s) => !onRouter.has(s.id))
      .map((s) => toOption(s, candidates.get(s.network_id), attached, heldAddresses))
      .sort((a, b) => a.networkName.localeCompare(b.networkName) || a.cidr.localeCompare(b.cidr)),
  };
}

function toOption(
  subnet: Subnet,
  network: Network | undefined,
  attached: Subnet[],
  heldAddresses: Set<string>,
): RouterSubnetOption {
  const clash = attached.find((a) => cidrsOverlap(a.cidr, subnet.cidr));
  const gatewayHeld = subnet.gateway_ip !== null && heldAddresses.has(`${subnet.id}/${subnet.gateway_ip}`);
  return {
    id: subnet.id,
    name: subnet.name,
    cidr: subnet.cidr,
    ipVersion: subnet.ip_version,
    networkId: subnet.network_id,
    networkName: network?.name ?? subnet.network_id,
    gatewayIp: subnet.gateway_ip,
    gatewayFree: subnet.gateway_ip !== null && !gatewayHeld,
    blockedReason: clash
      ? `Overlaps ${clash.cidr}${clash.name ? ` (${clash.name})` : ""}, already on this router.`
      : null,
  };
}
