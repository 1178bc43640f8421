import type { NeutronClient, Port } from "@zenith/api-client/neutron";
import { TtlCache } from "../cache.ts";
import type { Cloud } from "../cloud/clients.ts";
import { ROUTER_INTERFACE_OWNERS } from "./router-dto.ts";

/**
 * Joins for one page of routers: each is one bounded call whatever the
 * page holds (ids as repeated filters), never a call per router.
 */

const projectNameCache = new TtlCache<string | null>(60_000);

export function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}

/** Interface ports of the given routers (one call; none when there are no routers). */
export async function interfacePorts(neutron: NeutronClient, routerIds: readonly string[]): Promise<Port[]> {
  if (routerIds.length === 0) return [];
  return neutron.ports.listAll({ device_id: [...routerIds], device_owner: [...ROUTER_INTERFACE_OWNERS] });
}

/** Names of the networks by id, from one call; a network the caller cannot see stays unnamed. */
export async function networkNames(
  neutron: NeutronClient,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const networks = await neutron.networks.listAll({ id: [...ids] });
  return new Map(networks.map((n) => [n.id, n.name]));
}

/** Project names for admin listings (cached per token; a missing project leaves the id). */
export async function projectNames(
  cloud: Cloud,
  token: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = await Promise.all(
    ids.map((id) =>
      projectNameCache.get(`${token}:${id}`, () =>
        cloud.keystone.projects
          .get(id)
          .then((p) => p.name)
          .catch(() => null),
      ),
    ),
  );
  const out = new Map<string, string>();
  ids.forEach((id, i) => {
    const name = names[i];
    if (name) out.set(id, name);
  });
  return out;
}
