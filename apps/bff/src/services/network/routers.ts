import type { Port, Router, Subnet } from "@zenith/api-client/neutron";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { type Page, pageOf } from "../paging.ts";
import {
  type NetworkScope,
  projectOf,
  type RouterDetail,
  type RouterRow,
  toRouterRow,
} from "./router-dto.ts";
import { interfacePorts, networkNames, projectNames, unique } from "./router-joins.ts";

export const ROUTER_SORT_KEYS = ["name", "status", "adminStateUp", "created"] as const;
export type RouterSortKey = (typeof ROUTER_SORT_KEYS)[number];

export interface RouterListQuery {
  page: number;
  pageSize: number;
  sort?: RouterSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
  status?: string | undefined;
  allProjects?: boolean | undefined;
  projectId?: string | undefined;
}

export function requireAdminForOtherProjects(
  scope: NetworkScope,
  query: { allProjects?: boolean | undefined; projectId?: string | undefined },
): void {
  const other =
    query.allProjects === true || (query.projectId !== undefined && query.projectId !== scope.projectId);
  if (other && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("router.listOthersAdminOnly"));
  }
}

/**
 * Which project's routers to ask for. Neutron shows an admin every
 * project's routers, so the project view names the project explicitly.
 */
function projectFilter(scope: NetworkScope, query: RouterListQuery): string | undefined {
  if (query.projectId) return query.projectId;
  return query.allProjects ? undefined : scope.projectId;
}

interface SortableRouter {
  id: string;
  name: string;
  status: string;
  adminStateUp: boolean;
  created: string;
  router: Router;
}

/**
 * A page of routers with a total. Neutron can neither count nor match a
 * name substring, and a project holds few routers, so the project's
 * routers are read in one call and filtered, sorted and paged here; the
 * joins (interfaces, external network names, project names) then cover
 * only the page.
 */
export async function listRouters(
  cloud: Cloud,
  token: string,
  scope: NetworkScope,
  query: RouterListQuery,
): Promise<Page<RouterRow>> {
  requireAdminForOtherProjects(scope, query);
  const neutron = await cloud.neutron();
  const project = projectFilter(scope, query);
  const routers = await neutron.routers.listAll({
    ...(project ? { project_id: project } : {}),
    ...(query.status ? { status: query.status } : {}),
  });
  const rows: SortableRouter[] = routers.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    adminStateUp: r.admin_state_up,
    created: r.created_at ?? "",
    router: r,
  }));
  const page = pageOf(rows, query, "name");
  const pageRouters = page.items.map((row) => row.router);
  const withProjects = scope.isAdmin && project === undefined;
  const [ports, networks, projects] = await Promise.all([
    interfacePorts(
      neutron,
      pageRouters.map((r) => r.id),
    ),
    networkNames(neutron, unique(pageRouters.map((r) => r.external_gateway_info?.network_id))),
    withProjects ? projectNames(cloud, token, unique(pageRouters.map(projectOf))) : new Map<string, string>(),
  ]);
  return {
    ...page,
    items: pageRouters.map((r) =>
      toRouterRow(r, {
        networkName: (id) => networks.get(id),
        interfaceCount: ports.filter((p) => p.device_id === r.id).length,
        projectName: withProjects ? (projects.get(projectOf(r)) ?? undefined) : undefined,
      }),
    ),
  };
}

/** Interfaces as the portal shows them: one row per fixed IP of each interface port. */
function interfacesOf(ports: Port[], subnets: Map<string, Subnet>, networks: Map<string, string>) {
  return ports.flatMap((port) =>
    port.fixed_ips.map((ip) => {
      const subnet = subnets.get(ip.subnet_id);
      return {
        portId: port.id,
        networkId: port.network_id,
        networkName: networks.get(port.network_id) ?? null,
        subnetId: ip.subnet_id,
        subnetName: subnet?.name ?? null,
        cidr: subnet?.cidr ?? null,
        ipAddress: ip.ip_address,
        status: port.status,
        adminStateUp: port.admin_state_up,
      };
    }),
  );
}

/** A router with its gateway, interfaces and static routes in four calls whatever its size. */
export async function getRouter(
  cloud: Cloud,
  token: string,
  scope: NetworkScope,
  id: string,
): Promise<RouterDetail> {
  const neutron = await cloud.neutron();
  const router = await neutron.routers.get(id);
  const ports = await interfacePorts(neutron, [router.id]);
  const networkIds = unique([router.external_gateway_info?.network_id, ...ports.map((p) => p.network_id)]);
  const subnetIds = unique(ports.flatMap((p) => p.fixed_ips.map((ip) => ip.subnet_id)));
  const ownProject = projectOf(router) === scope.projectId;
  const [networks, subnets, projects] = await Promise.all([
    networkNames(neutron, networkIds),
    subnetIds.length > 0 ? neutron.subnets.listAll({ id: subnetIds }) : Promise.resolve([]),
    scope.isAdmin && !ownProject
      ? projectNames(cloud, token, [projectOf(router)])
      : new Map<string, string>(),
  ]);
  const row = toRouterRow(router, {
    networkName: (nid) => networks.get(nid),
    interfaceCount: ports.length,
    projectName: projects.get(projectOf(router)),
  });
  return {
    ...row,
    routes: router.routes,
    interfaces: interfacesOf(ports, new Map(subnets.map((s) => [s.id, s])), networks),
    updated: router.updated_at ?? null,
  };
}
