import type { Cloud } from "../cloud/clients.ts";
import { type Page, pageOf } from "../paging.ts";
import type { PortDto } from "./network-dto.ts";
import { resolveOwners, toPortDto } from "./port-owners.ts";

export const PORT_SORT_KEYS = ["name", "status", "deviceOwner"] as const;
export type PortSortKey = (typeof PORT_SORT_KEYS)[number];

export interface PortListQuery {
  networkId: string;
  page: number;
  pageSize: number;
  sort?: PortSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
}

/**
 * One page of a network's ports. The filter matches the port's name, its
 * addresses, its MAC or its owner's id; owners are named for the page only
 * (see resolveOwners: the page's instances by id, its routers in one call).
 */
export async function listNetworkPorts(cloud: Cloud, query: PortListQuery): Promise<Page<PortDto>> {
  const neutron = await cloud.neutron();
  // The network is read too: a network the caller cannot see answers 404, not an empty page.
  const [, ports] = await Promise.all([
    neutron.networks.get(query.networkId),
    neutron.ports.listAll({ network_id: query.networkId }),
  ]);
  const needle = query.q?.trim().toLowerCase();
  const matching = needle
    ? ports.filter((p) =>
        [p.name, p.mac_address, p.device_id, p.id, ...p.fixed_ips.map((f) => f.ip_address)].some((v) =>
          v.toLowerCase().includes(needle),
        ),
      )
    : ports;
  const rows = matching.map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    deviceOwner: p.device_owner,
    port: p,
  }));
  const page = pageOf(rows, { ...query, q: undefined }, "name");
  const owners = await resolveOwners(
    cloud,
    page.items.map((r) => r.port),
  );
  return { ...page, items: page.items.map((r) => toPortDto(r.port, owners)) };
}
