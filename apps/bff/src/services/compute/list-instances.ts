import { isOpenStackError } from "@zenith/api-client/http";
import type { NovaClient, Server, ServerListFilter } from "@zenith/api-client/nova";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { Page } from "../paging.ts";
import { type Instance, toInstance } from "./instance-dto.ts";
import { joinNames } from "./joins.ts";

export const INSTANCE_SORT_KEYS = ["name", "status", "created", "updated", "powerState"] as const;
export type InstanceSortKey = (typeof INSTANCE_SORT_KEYS)[number];

/** BFF sort keys → Nova `sort_key` values every Nova accepts (ties are broken by id upstream). */
const NOVA_SORT_KEY: Record<InstanceSortKey, string> = {
  name: "display_name",
  status: "vm_state",
  created: "created_at",
  updated: "updated_at",
  powerState: "power_state",
};

export interface InstanceListQuery {
  page: number;
  pageSize: number;
  sort?: InstanceSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
  status?: string | undefined;
  allProjects?: boolean | undefined;
  projectId?: string | undefined;
  host?: string | undefined;
}

export interface Scope {
  token: string;
  isAdmin: boolean;
}

/**
 * Nova's `name` filter is a regular expression, case-sensitive on
 * PostgreSQL-backed clouds. The portal's `q` is a case-insensitive
 * substring, so it is escaped and each letter becomes `[xX]`.
 */
export function substringRegex(q: string): string {
  return [...q]
    .map((ch) => {
      if (/[.*+?^${}()|[\]\\/]/.test(ch)) return `\\${ch}`;
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      return lower !== upper ? `[${lower}${upper}]` : ch;
    })
    .join("");
}

export function novaFilter(query: InstanceListQuery, isAdmin: boolean): ServerListFilter {
  const q = query.q?.trim();
  const filter: ServerListFilter = {
    sortKey: NOVA_SORT_KEY[query.sort ?? "created"],
    sortDir: query.dir ?? (query.sort === undefined ? "desc" : "asc"),
  };
  if (q) filter.name = substringRegex(q);
  if (query.status) filter.status = query.status;
  // Admin filters are dropped for members rather than sent for Nova to refuse.
  if (isAdmin) {
    if (query.allProjects || query.projectId) filter.allTenants = true;
    if (query.projectId) filter.projectId = query.projectId;
    if (query.host) filter.host = query.host;
  }
  return filter;
}

function isMarkerGone(err: unknown): boolean {
  return isOpenStackError(err) && err.status === 400 && /marker/i.test(err.message);
}

/**
 * One page of servers with a total, in two Nova calls:
 *
 * 1. `GET /servers` (summary: id and name only) with the same filters and
 *    sort, every page of it: its length is the total, and the id just before
 *    the requested page is the marker for it. Nova has no count and no
 *    offset, so this is the cheapest way to both; it carries no details,
 *    addresses or flavors, which is where list cost lives.
 * 2. `GET /servers/detail?limit=<pageSize>&marker=<that id>`: only the page.
 *
 * Page 1 needs no marker, so both calls run in parallel. If the marker
 * server disappears between the calls (Nova answers 400 "marker not
 * found"), the page is read without a marker from the start instead.
 *
 * The plain first page of a project (no filter) needs no walk at all: its
 * total is the project's instance count, which `GET /limits` reports as
 * `totalInstancesUsed` — one cheap call instead of listing every server.
 * Nor does every project's first page, whole or by status, where `countAll`
 * answers (Zenith's control plane counts servers per status).
 */
export async function fetchServerPage(
  nova: NovaClient,
  filter: ServerListFilter,
  page: number,
  pageSize: number,
  countAll?: () => Promise<number>,
): Promise<{ servers: Server[]; total: number }> {
  const offset = (page - 1) * pageSize;
  if (offset === 0 && countAll) {
    const [total, detail] = await Promise.all([
      countAll(),
      nova.servers.detail({ ...filter, limit: pageSize }),
    ]);
    return { servers: detail.items, total: Math.max(total, detail.items.length) };
  }
  if (offset === 0 && isPlainProjectListing(filter)) {
    const [limits, detail] = await Promise.all([
      nova.quotas.limits(),
      nova.servers.detail({ ...filter, limit: pageSize }),
    ]);
    if (limits.totalInstancesUsed !== undefined) {
      return { servers: detail.items, total: Math.max(limits.totalInstancesUsed, detail.items.length) };
    }
  }
  if (offset === 0) {
    const [summary, detail] = await Promise.all([
      nova.servers.listAll(filter),
      nova.servers.detail({ ...filter, limit: pageSize }),
    ]);
    return { servers: detail.items, total: summary.length };
  }
  const summary = await nova.servers.listAll(filter);
  const marker = summary[offset - 1]?.id;
  if (marker === undefined) return { servers: [], total: summary.length };
  try {
    const detail = await nova.servers.detail({ ...filter, limit: pageSize, marker });
    return { servers: detail.items, total: summary.length };
  } catch (err) {
    if (!isMarkerGone(err)) throw err;
    const ids = new Set(summary.slice(offset, offset + pageSize).map((s) => s.id));
    const upTo = await nova.servers.detail({ ...filter, limit: offset + pageSize });
    return { servers: upTo.items.filter((s) => ids.has(s.id)), total: summary.length };
  }
}

/**
 * Every project's servers, whole or by status (what Zenith's server counts
 * give), through its control plane; undefined for other filters or clouds.
 */
async function serverCounter(
  cloud: Cloud,
  filter: ServerListFilter,
): Promise<(() => Promise<number>) | undefined> {
  const countable =
    filter.allTenants === true &&
    filter.name === undefined &&
    filter.projectId === undefined &&
    filter.host === undefined &&
    // Deleted servers are listed on request (admins) but not counted.
    filter.status?.toUpperCase() !== "DELETED";
  const zenith = countable ? await cloud.changes() : null;
  if (!zenith) return undefined;
  const status = filter.status?.toUpperCase();
  return async () => {
    const counts = await zenith.serverCounts();
    return counts.filter((c) => status === undefined || c.status === status).reduce((n, c) => n + c.count, 0);
  };
}

/** The caller's own project, unfiltered: exactly the instances `totalInstancesUsed` counts. */
function isPlainProjectListing(filter: ServerListFilter): boolean {
  return (
    filter.name === undefined &&
    filter.status === undefined &&
    filter.allTenants !== true &&
    filter.projectId === undefined &&
    filter.host === undefined
  );
}

export async function listInstances(
  cloud: Cloud,
  scope: Scope,
  query: InstanceListQuery,
): Promise<Page<Instance>> {
  if ((query.allProjects || query.projectId || query.host) && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("compute.listOthersAdminOnly"));
  }
  const nova = await cloud.nova();
  const filter = novaFilter(query, scope.isAdmin);
  const { servers, total } = await fetchServerPage(
    nova,
    filter,
    query.page,
    query.pageSize,
    await serverCounter(cloud, filter),
  );
  const withProjectName = scope.isAdmin && filter.allTenants === true;
  const names = await joinNames(cloud, scope.token, servers, { projects: withProjectName });
  return {
    items: servers.map((s) => toInstance(s, names, { withProjectName, admin: scope.isAdmin })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
