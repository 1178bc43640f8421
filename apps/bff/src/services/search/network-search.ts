import type { FloatingIp, Network, NeutronClient, Router, SecurityGroup } from "@zenith/api-client/neutron";
import type { Cloud } from "../cloud/clients.ts";
import { projectOf } from "../network/network-dto.ts";
import type { SearchHit } from "./kinds.ts";
import { byId, SCAN_LIMIT } from "./lookup.ts";
import { bestMatches, type SearchQuery } from "./match.ts";
import type { SearchScope } from "./scope.ts";

/*
 * Neutron's `name` filter is exact (no partial operator upstream), so each
 * kind reads one bounded page and filters here. An admin's token lists
 * every project's rows: the page asks for the session's project (routers,
 * security groups, floating IPs), and networks keep what the project works
 * with, exactly as the Networks page does.
 */

/** A network the project works with: its own, shared or external (as `listNetworks` shows). */
function visibleToProject(n: Network, projectId: string): boolean {
  return projectOf(n) === projectId || n.shared || n["router:external"] === true;
}

const networkHit = (n: Network): SearchHit => ({
  id: n.id,
  name: n.name ?? "",
  status: n.status,
  detail: null,
});
const routerHit = (r: Router): SearchHit => ({
  id: r.id,
  name: r.name ?? "",
  status: r.status,
  detail: null,
});
const groupHit = (g: SecurityGroup): SearchHit => ({
  id: g.id,
  name: g.name ?? "",
  status: null,
  detail: g.description || null,
});
const floatingHit = (f: FloatingIp): SearchHit => ({
  id: f.id,
  name: f.floating_ip_address,
  status: f.status,
  detail: f.fixed_ip_address,
});

async function scanOrLookup<T>(
  q: SearchQuery,
  get: () => Promise<T>,
  list: () => Promise<T[]>,
  toHit: (row: T) => SearchHit,
  keep: (row: T) => boolean = () => true,
): Promise<SearchHit[]> {
  if (q.uuid) return (await byId(get)).map(toHit);
  const rows = (await list()).filter(keep);
  return bestMatches(q.text, rows.map(toHit), q.limit);
}

const pageOf = async <T>(list: Promise<{ items: T[] }>): Promise<T[]> => (await list).items;

export async function searchNetworks(cloud: Cloud, scope: SearchScope, q: SearchQuery): Promise<SearchHit[]> {
  const neutron: NeutronClient = await cloud.neutron();
  return scanOrLookup(
    q,
    () => neutron.networks.get(q.text),
    () => pageOf(neutron.networks.list({ limit: SCAN_LIMIT })),
    networkHit,
    (n) => visibleToProject(n, scope.projectId),
  );
}

export async function searchRouters(cloud: Cloud, scope: SearchScope, q: SearchQuery): Promise<SearchHit[]> {
  const neutron = await cloud.neutron();
  return scanOrLookup(
    q,
    () => neutron.routers.get(q.text),
    () => pageOf(neutron.routers.list({ project_id: scope.projectId, limit: SCAN_LIMIT })),
    routerHit,
  );
}

export async function searchSecurityGroups(
  cloud: Cloud,
  scope: SearchScope,
  q: SearchQuery,
): Promise<SearchHit[]> {
  const neutron = await cloud.neutron();
  return scanOrLookup(
    q,
    () => neutron.securityGroups.get(q.text),
    () => pageOf(neutron.securityGroups.list({ project_id: scope.projectId, limit: SCAN_LIMIT })),
    groupHit,
  );
}

/** Floating IPs are found by address (their "name"), or by the fixed address they point at. */
export async function searchFloatingIps(
  cloud: Cloud,
  scope: SearchScope,
  q: SearchQuery,
): Promise<SearchHit[]> {
  const neutron = await cloud.neutron();
  if (q.uuid) return (await byId(() => neutron.floatingIps.get(q.text))).map(floatingHit);
  const rows = (await neutron.floatingIps.list({ project_id: scope.projectId, limit: SCAN_LIMIT })).items;
  const byFixed = rows.filter((f) => f.fixed_ip_address?.startsWith(q.text)).map(floatingHit);
  const byAddress = bestMatches(q.text, rows.map(floatingHit), q.limit);
  const seen = new Set(byAddress.map((h) => h.id));
  return [...byAddress, ...byFixed.filter((h) => !seen.has(h.id))].slice(0, q.limit);
}
