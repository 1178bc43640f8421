import type { Cloud } from "../cloud/clients.ts";
import { compareValues, type Page } from "../paging.ts";
import { ownerKindOf } from "./network-dto.ts";
import { type OwnerServer, serversById } from "./port-owners.ts";

export interface NetworkInstance extends OwnerServer {
  /** Its fixed addresses on this network. */
  addresses: string[];
}

/** Instances are ordered by their first address on the network (their names are read per page only). */
export const NETWORK_INSTANCE_SORT_KEYS = ["address"] as const;

export interface NetworkInstanceQuery {
  networkId: string;
  page: number;
  pageSize: number;
  sort?: (typeof NETWORK_INSTANCE_SORT_KEYS)[number] | undefined;
  dir?: "asc" | "desc" | undefined;
  /** A substring of one of its addresses or of its id. */
  q?: string | undefined;
}

/**
 * One page of the instances with a port on a network, with a total. The
 * network's ports are read (as the ports tab does: Neutron neither counts
 * nor filters by owner prefix) and grouped by instance, ordered by address;
 * only the page's instances are read from Nova, one by one (their names
 * and states), so the cost in Nova is the page's whatever the project's
 * size.
 */
export async function listNetworkInstances(
  cloud: Cloud,
  query: NetworkInstanceQuery,
): Promise<Page<NetworkInstance>> {
  const neutron = await cloud.neutron();
  // The network is read too: a network the caller cannot see answers 404, not an empty page.
  const [, ports] = await Promise.all([
    neutron.networks.get(query.networkId),
    neutron.ports.listAll({ network_id: query.networkId }),
  ]);
  const byInstance = new Map<string, string[]>();
  for (const port of ports) {
    if (ownerKindOf(port) !== "instance") continue;
    const addresses = byInstance.get(port.device_id) ?? [];
    addresses.push(...port.fixed_ips.map((f) => f.ip_address));
    byInstance.set(port.device_id, addresses);
  }
  const needle = query.q?.trim().toLowerCase();
  const rows = [...byInstance]
    .map(([id, addresses]) => ({ id, addresses }))
    .filter((r) => !needle || [r.id, ...r.addresses].some((v) => v.toLowerCase().includes(needle)))
    .sort((a, b) => {
      const byAddress = compareValues(a.addresses[0], b.addresses[0], query.dir);
      return byAddress !== 0 ? byAddress : compareValues(a.id, b.id);
    });
  const start = (query.page - 1) * query.pageSize;
  const page = rows.slice(start, start + query.pageSize);
  const servers = await serversById(
    cloud,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => {
      const server = servers.get(r.id);
      return {
        id: r.id,
        name: server?.name ?? "",
        status: server?.status ?? "UNKNOWN",
        addresses: r.addresses,
      };
    }),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
