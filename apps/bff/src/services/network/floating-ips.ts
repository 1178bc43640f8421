import type { FloatingIp, NeutronClient, Port } from "@zenith/api-client/neutron";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { Address4 } from "ip-address";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { Page } from "../paging.ts";
import { announceNetworkChange } from "./changes.ts";
import {
  assertAllProjectsAllowed,
  instanceNames,
  isInstancePort,
  type NetworkScope,
  projectFilter,
  projectNames,
  type SortedListQuery,
  sortAndPage,
} from "./secfip-common.ts";

export const FLOATING_IP_SORT_KEYS = ["address", "status", "pool", "instance", "created"] as const;
export type FloatingIpSortKey = (typeof FLOATING_IP_SORT_KEYS)[number];

export interface FloatingIpRow {
  id: string;
  address: string;
  description: string;
  status: string;
  pool: { id: string; name: string };
  projectId: string;
  projectName: string | null;
  fixedIp: string | null;
  portId: string | null;
  instance: { id: string; name: string } | null;
  createdAt: string | null;
}

export interface FloatingIpListQuery extends SortedListQuery<FloatingIpSortKey> {
  status?: string | undefined;
}

export interface Pool {
  id: string;
  name: string;
  cidrs: string[];
}

export interface TargetPort {
  id: string;
  networkName: string;
  macAddress: string;
  /** IPv4 fixed addresses (floating IPs are IPv4); `floatingIp` when one already maps to it. */
  fixedIps: { address: string; floatingIp: string | null }[];
}
export interface Target {
  id: string;
  name: string;
  ports: TargetPort[];
}

const projectOf = (r: { project_id?: string | null; tenant_id?: string | null }) =>
  r.project_id ?? r.tenant_id ?? "";

/** The instance a floating IP maps to, from its port (where listed) or its `port_details`. */
function instanceOf(fip: FloatingIp, ports: ReadonlyMap<string, Port>): string | null {
  const port = fip.port_id ? ports.get(fip.port_id) : undefined;
  const device = {
    device_id: port?.device_id || fip.port_details?.device_id || "",
    device_owner: port?.device_owner || fip.port_details?.device_owner || "",
  };
  return isInstancePort(device) ? device.device_id : null;
}

function toRow(
  fip: FloatingIp,
  poolNames: Map<string, string>,
  ports: Map<string, Port>,
  servers: Map<string, string>,
): FloatingIpRow {
  const instanceId = instanceOf(fip, ports);
  return {
    id: fip.id,
    address: fip.floating_ip_address,
    description: fip.description ?? "",
    status: fip.status,
    pool: {
      id: fip.floating_network_id,
      name: poolNames.get(fip.floating_network_id) ?? fip.floating_network_id,
    },
    projectId: projectOf(fip),
    projectName: null,
    fixedIp: fip.fixed_ip_address,
    portId: fip.port_id,
    instance: instanceId ? { id: instanceId, name: servers.get(instanceId) ?? instanceId } : null,
    createdAt: fip.created_at ?? null,
  };
}

/** IPv4 addresses sort numerically ("172.24.4.9" before "172.24.4.10"). */
function addressKey(address: string): string {
  return Address4.isValid(address) ? new Address4(address).bigInt().toString().padStart(10, "0") : address;
}

/**
 * Floating IPs with pool, port and instance joined: floating IPs and
 * external networks, then the instances' names (see `instanceNames`); the
 * project's ports only on a cloud without `port_details`.
 */
export async function listFloatingIps(
  cloud: Cloud,
  scope: NetworkScope,
  query: FloatingIpListQuery,
): Promise<Page<FloatingIpRow>> {
  assertAllProjectsAllowed(scope, query.allProjects);
  const neutron = await cloud.neutron();
  const filter: Record<string, string> = projectFilter(scope, query.allProjects);
  if (query.status) filter.status = query.status;
  const [fips, pools] = await Promise.all([
    neutron.floatingIps.listAll(filter),
    neutron.networks.listAll({ "router:external": true }),
  ]);
  // A mapped floating IP names its port's device in `port_details` (Neutron's fip-port-details
  // extension, served by Zenith and upstream); only a cloud without it needs the project's ports,
  // from one listing of the same project(s) (a floating IP maps only to a port of its own project).
  const needPorts = fips.some((f) => f.port_id && !f.port_details);
  const ports = needPorts ? await neutron.ports.listAll(projectFilter(scope, query.allProjects)) : [];
  const portById = new Map(ports.map((p) => [p.id, p]));
  const instanceIds = fips.flatMap((f) => instanceOf(f, portById) ?? []);
  const servers =
    instanceIds.length > 0
      ? await instanceNames(await cloud.nova(), scope, { allProjects: query.allProjects, ids: instanceIds })
      : new Map<string, string>();
  const poolNames = new Map(pools.map((p) => [p.id, p.name]));
  const rows = fips.map((f) => toRow(f, poolNames, portById, servers));
  const page = sortAndPage(
    rows,
    query,
    "address",
    (row, key) =>
      key === "address"
        ? addressKey(row.address)
        : key === "status"
          ? row.status
          : key === "pool"
            ? row.pool.name
            : key === "instance"
              ? (row.instance?.name ?? null)
              : row.createdAt,
    (row) => [row.address, row.description, row.instance?.name ?? "", row.fixedIp ?? "", row.pool.name],
  );
  if (query.allProjects) {
    const names = await projectNames(
      cloud,
      scope,
      page.items.map((r) => r.projectId),
    );
    page.items = page.items.map((r) => ({ ...r, projectName: names.get(r.projectId) ?? null }));
  }
  return page;
}

/** External networks a floating IP can come from, with their subnets' ranges. */
export async function listPools(cloud: Cloud): Promise<Pool[]> {
  const neutron = await cloud.neutron();
  const [networks, subnets] = await Promise.all([
    neutron.networks.listAll({ "router:external": true }),
    neutron.subnets.listAll(),
  ]);
  return networks
    .map((n) => ({
      id: n.id,
      name: n.name || n.id,
      cidrs: subnets.filter((s) => s.network_id === n.id).map((s) => s.cidr),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function allocateFloatingIp(
  cloud: Cloud,
  scope: NetworkScope,
  input: { poolId: string; description?: string | undefined },
): Promise<{ id: string; address: string }> {
  const neutron = await cloud.neutron();
  const fip = await neutron.floatingIps.create({
    floating_network_id: input.poolId,
    ...(input.description ? { description: input.description } : {}),
  });
  announceNetworkChange(projectOf(fip) || scope.projectId);
  return { id: fip.id, address: fip.floating_ip_address };
}

/** Only admins may act on another project's targets; members always get their own. */
function targetProject(scope: NetworkScope, projectId: string | undefined): string {
  if (projectId && projectId !== scope.projectId && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("floatingIp.othersInstancesAdminOnly"));
  }
  return projectId ?? scope.projectId;
}

/**
 * The project's instances with their ports and IPv4 fixed addresses, for
 * the associate dialog: ports, networks, floating IPs and one Nova summary
 * listing — four calls whatever the size.
 */
export async function listTargets(
  cloud: Cloud,
  scope: NetworkScope,
  input: { projectId?: string | undefined },
): Promise<Target[]> {
  const projectId = targetProject(scope, input.projectId);
  const neutron = await cloud.neutron();
  const [ports, networks, fips, names] = await Promise.all([
    neutron.ports.listAll({ project_id: projectId }),
    neutron.networks.listAll(),
    neutron.floatingIps.listAll({ project_id: projectId }),
    cloud.nova().then((nova) => instanceNames(nova, scope, { projectId })),
  ]);
  const networkNames = new Map(networks.map((n) => [n.id, n.name || n.id]));
  const floatingByFixed = new Map(
    fips.flatMap((f) =>
      f.port_id && f.fixed_ip_address ? [[`${f.port_id}/${f.fixed_ip_address}`, f.floating_ip_address]] : [],
    ),
  );
  const byInstance = new Map<string, TargetPort[]>();
  for (const port of ports) {
    if (!isInstancePort(port)) continue;
    const fixedIps = port.fixed_ips
      .filter((ip) => Address4.isValid(ip.ip_address))
      .map((ip) => ({
        address: ip.ip_address,
        floatingIp: floatingByFixed.get(`${port.id}/${ip.ip_address}`) ?? null,
      }));
    if (fixedIps.length === 0) continue;
    const list = byInstance.get(port.device_id) ?? [];
    list.push({
      id: port.id,
      networkName: networkNames.get(port.network_id) ?? port.network_id,
      macAddress: port.mac_address,
      fixedIps,
    });
    byInstance.set(port.device_id, list);
  }
  return [...byInstance]
    .map(([id, list]) => ({ id, name: names.get(id) ?? id, ports: list }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function portOfFloatingIp(neutron: NeutronClient, fip: FloatingIp, portId: string): Promise<Port> {
  const port = await neutron.ports.get(portId).catch((err: unknown) => {
    throw new ZenithError("NOT_FOUND", say("floatingIp.portNotInProject"), {
      cause: err,
      fields: [fieldError("portId", say("floatingIp.choosePort"))],
    });
  });
  // Admins can read every port; a floating IP still only goes to a port of its own project.
  if (projectOf(port) !== projectOf(fip)) {
    throw new ZenithError("NOT_FOUND", say("floatingIp.portNotInProject"), {
      fields: [fieldError("portId", say("floatingIp.choosePort"))],
    });
  }
  return port;
}

export async function associateFloatingIp(
  cloud: Cloud,
  scope: NetworkScope,
  input: { id: string; portId: string; fixedIp?: string | undefined },
): Promise<FloatingIpRow> {
  const neutron = await cloud.neutron();
  const fip = await neutron.floatingIps.get(input.id);
  const port = await portOfFloatingIp(neutron, fip, input.portId);
  const v4 = port.fixed_ips.filter((ip) => Address4.isValid(ip.ip_address)).map((ip) => ip.ip_address);
  if (input.fixedIp !== undefined && !v4.includes(input.fixedIp)) {
    throw ZenithError.badRequest(say("floatingIp.notPortIpv4"), [
      fieldError(
        "fixedIp",
        v4.length > 0
          ? say("floatingIp.chooseOneOf", { addresses: v4.join(", ") })
          : say("floatingIp.noIpv4"),
      ),
    ]);
  }
  if (input.fixedIp === undefined && v4.length > 1) {
    throw ZenithError.badRequest(say("floatingIp.severalIpv4"), [
      fieldError("fixedIp", say("floatingIp.chooseAddress")),
    ]);
  }
  const updated = await neutron.floatingIps.update(input.id, {
    port_id: port.id,
    ...(input.fixedIp ? { fixed_ip_address: input.fixedIp } : {}),
  });
  announceNetworkChange(projectOf(updated) || scope.projectId);
  return toRow(updated, new Map(), new Map([[port.id, port]]), new Map());
}

export async function disassociateFloatingIp(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const updated = await neutron.floatingIps.update(id, { port_id: null });
  announceNetworkChange(projectOf(updated) || scope.projectId);
}

export async function releaseFloatingIp(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const fip = await neutron.floatingIps.get(id);
  await neutron.floatingIps.delete(id);
  announceNetworkChange(projectOf(fip) || scope.projectId);
}
