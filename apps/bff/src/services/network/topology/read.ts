import type { FloatingIp, Network, Port, Router, Subnet } from "@zenith/api-client/neutron";
import type { Server } from "@zenith/api-client/nova";
import type { Cloud } from "../../cloud/clients.ts";
import type { TopologyView } from "./view.ts";

/** Everything the graph is built from, as the APIs return it. */
export interface TopologySources {
  networks: Network[];
  subnets: Subnet[];
  ports: Port[];
  routers: Router[];
  floatingIps: FloatingIp[];
  servers: Server[];
  /** Names of attached volumes by id, when any server has one and the cloud has block storage. */
  volumeNames?: Map<string, string> | undefined;
  /** Project id → name; filled for the all-projects view only. */
  projectNames: Map<string, string> | undefined;
}

/** The owning project of a Neutron resource (older clouds only fill `tenant_id`). */
export const ownerOf = (r: {
  project_id?: string | null | undefined;
  tenant_id?: string | null | undefined;
}) => r.project_id ?? r.tenant_id ?? null;

/**
 * The port attributes the graph draws from, plus those the client's port
 * schema requires: the port listing is the largest one (every instance,
 * router and DHCP port), and Neutron renders only the fields asked for.
 */
export const PORT_FIELDS = [
  "id",
  "network_id",
  "mac_address",
  "admin_state_up",
  "status",
  "device_id",
  "device_owner",
  "fixed_ips",
] as const satisfies ReadonlyArray<keyof Port>;

/**
 * Reads the sources in a fixed number of calls whatever the cloud's size:
 * one listing each of networks, subnets, ports, routers and floating IPs,
 * one Nova `servers/detail` walk, and (all projects) one Keystone project
 * listing, all in parallel. Never a call per network, router or server.
 *
 * A project view asks Neutron for that project's ports, routers and
 * floating IPs (`project_id`): a cloud admin's token sees every project's,
 * a member's only its own anyway. Networks and subnets cannot be narrowed
 * that way (shared and external ones belong to other projects), so they
 * are filtered here.
 */
export async function readSources(cloud: Cloud, view: TopologyView): Promise<TopologySources> {
  const [neutron, nova] = await Promise.all([cloud.neutron(), cloud.nova()]);
  const owned = view.kind === "project" ? { project_id: view.projectId } : {};
  const [networks, subnets, ports, routers, floatingIps, servers, projects] = await Promise.all([
    neutron.networks.listAll(),
    neutron.subnets.listAll(),
    neutron.ports.listAll({ ...owned, fields: [...PORT_FIELDS] }),
    neutron.routers.listAll(owned),
    neutron.floatingIps.listAll(owned),
    nova.servers.detailAll(
      view.kind === "all"
        ? { allTenants: true }
        : view.foreign
          ? { allTenants: true, projectId: view.projectId }
          : {},
    ),
    view.kind === "all" ? cloud.keystone.projects.list() : Promise.resolve(undefined),
  ]);
  const volumeNames = await attachedVolumeNames(cloud, servers, view.kind === "all" || view.foreign === true);
  if (view.kind === "all") {
    return {
      volumeNames,
      networks,
      subnets,
      ports,
      routers,
      floatingIps,
      servers,
      projectNames: new Map((projects ?? []).map((p) => [p.id, p.name])),
    };
  }
  const visible = networks.filter(
    (n) => ownerOf(n) === view.projectId || n.shared || n["router:external"] === true,
  );
  const networkIds = new Set(visible.map((n) => n.id));
  return {
    networks: visible,
    subnets: subnets.filter((s) => networkIds.has(s.network_id)),
    ports,
    routers,
    floatingIps,
    // Nova already scoped these; the check guards an admin token whose own-project listing is wider.
    servers: servers.filter((s) => s.tenant_id === view.projectId),
    volumeNames,
    projectNames: undefined,
  };
}

/**
 * One Cinder listing for the names of attached volumes, only when some
 * server has one. The diagram still draws volumes (by id) on a cloud
 * without block storage or when the listing fails.
 */
async function attachedVolumeNames(
  cloud: Cloud,
  servers: readonly Server[],
  wide: boolean,
): Promise<Map<string, string> | undefined> {
  if (!servers.some((s) => (s["os-extended-volumes:volumes_attached"] ?? []).length > 0)) return undefined;
  try {
    const cinder = await cloud.cinder();
    const volumes = await cinder.volumes.detailAll({ allTenants: wide || undefined });
    return new Map(volumes.map((v) => [v.id, v.name || v.id]));
  } catch {
    return undefined;
  }
}
