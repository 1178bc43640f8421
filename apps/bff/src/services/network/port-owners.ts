import { isOpenStackError } from "@zenith/api-client/http";
import type { Port } from "@zenith/api-client/neutron";
import type { NovaClient } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";
import { ownerKindOf, type PortDto, projectOf } from "./network-dto.ts";

export interface OwnerServer {
  id: string;
  name: string;
  status: string;
}

/**
 * The instances and routers behind a set of ports (a page of them): the
 * instances by id, one GET each (Nova has no filter by a list of ids, and a
 * page of the project's server details would miss those past it), the
 * routers in one call filtered by id.
 */
export async function resolveOwners(cloud: Cloud, ports: readonly Port[]): Promise<PortOwners> {
  const serverIds = [...new Set(ports.filter((p) => ownerKindOf(p) === "instance").map((p) => p.device_id))];
  const [servers, routers] = await Promise.all([serversById(cloud, serverIds), routerNames(cloud, ports)]);
  return { servers, routers };
}

export interface PortOwners {
  servers: Map<string, OwnerServer>;
  routers: Map<string, string>;
}

/** The names of the routers behind ports (interfaces, gateways), in one call filtered by id. */
export async function routerNames(cloud: Cloud, ports: readonly Port[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      ports
        .filter((p) => ["router-interface", "router-gateway"].includes(ownerKindOf(p)))
        .map((p) => p.device_id),
    ),
  ];
  if (ids.length === 0) return new Map();
  const routers = await cloud
    .neutron()
    .then((neutron) => neutron.routers.listAll({ id: ids }))
    .catch(() => []);
  return new Map(routers.map((r) => [r.id, r.name]));
}

/**
 * A few instances by id, one `GET /servers/{id}` each (in parallel): for a
 * page of them, cheaper than a page of the project's server details, and
 * right however many servers the project has. One that is gone or hidden
 * (Nova's 404, also for another project's) is left out: the caller shows
 * its id. Any other failure is the caller's error, not a missing name.
 */
export async function serversById(cloud: Cloud, ids: readonly string[]): Promise<Map<string, OwnerServer>> {
  if (ids.length === 0) return new Map();
  return serversByIdFrom(await cloud.nova(), ids);
}

/** `serversById` with a Nova client in hand. */
export async function serversByIdFrom(
  nova: Pick<NovaClient, "servers">,
  ids: readonly string[],
): Promise<Map<string, OwnerServer>> {
  const found = await Promise.all(
    ids.map((id) =>
      nova.servers.get(id).then(
        (s): OwnerServer => ({ id: s.id, name: s.name, status: s.status }),
        (err: unknown) => {
          if (isOpenStackError(err) && err.status === 404) return undefined;
          throw err;
        },
      ),
    ),
  );
  return new Map(found.filter((s) => s !== undefined).map((s) => [s.id, s]));
}

export function toPortDto(
  port: Port,
  owners: { servers: ReadonlyMap<string, OwnerServer>; routers: ReadonlyMap<string, string> },
): PortDto {
  const kind = ownerKindOf(port);
  const name =
    kind === "instance"
      ? (owners.servers.get(port.device_id)?.name ?? null)
      : kind === "router-interface" || kind === "router-gateway"
        ? (owners.routers.get(port.device_id) ?? null)
        : null;
  return {
    id: port.id,
    name: port.name,
    status: port.status,
    adminStateUp: port.admin_state_up,
    macAddress: port.mac_address,
    fixedIps: port.fixed_ips.map((f) => ({ ip: f.ip_address, subnetId: f.subnet_id })),
    deviceOwner: port.device_owner,
    owner: { kind, id: port.device_id, name },
    projectId: projectOf(port),
  };
}
