import type { Router } from "@zenith/api-client/neutron";

/** Who asks: the token's project and whether the session is cloud admin. */
export interface NetworkScope {
  projectId: string;
  isAdmin: boolean;
}

export interface RouterGateway {
  networkId: string;
  /** Unknown when the network is gone or hidden from the caller. */
  networkName: string | null;
  enableSnat: boolean | null;
  ips: string[];
}

/** One row of the routers table. */
export interface RouterRow {
  id: string;
  name: string;
  description: string;
  status: string;
  adminStateUp: boolean;
  projectId: string;
  /** Admin listings across projects only. */
  projectName?: string | undefined;
  gateway: RouterGateway | null;
  interfaceCount: number;
  routeCount: number;
  created: string | null;
}

export interface RouterInterfaceView {
  portId: string;
  networkId: string;
  networkName: string | null;
  subnetId: string;
  subnetName: string | null;
  cidr: string | null;
  ipAddress: string;
  status: string;
  adminStateUp: boolean;
}

export interface RouterDetail extends RouterRow {
  routes: { destination: string; nexthop: string }[];
  interfaces: RouterInterfaceView[];
  updated: string | null;
}

export const ROUTER_INTERFACE_OWNERS = [
  "network:router_interface",
  "network:router_interface_distributed",
  "network:ha_router_replicated_interface",
] as const;

export function projectOf(router: Router): string {
  return router.project_id ?? router.tenant_id ?? "";
}

export function toRouterRow(
  router: Router,
  joins: {
    networkName: (id: string) => string | undefined;
    interfaceCount: number;
    projectName?: string | undefined;
  },
): RouterRow {
  const gw = router.external_gateway_info;
  return {
    id: router.id,
    name: router.name,
    description: router.description ?? "",
    status: router.status,
    adminStateUp: router.admin_state_up,
    projectId: projectOf(router),
    projectName: joins.projectName,
    gateway: gw
      ? {
          networkId: gw.network_id,
          networkName: joins.networkName(gw.network_id) ?? null,
          enableSnat: gw.enable_snat ?? null,
          ips: (gw.external_fixed_ips ?? []).map((ip) => ip.ip_address),
        }
      : null,
    interfaceCount: joins.interfaceCount,
    routeCount: router.routes.length,
    created: router.created_at ?? null,
  };
}
