import type { NovaClient } from "@zenith/api-client/nova";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import { TtlCache } from "../cache.ts";
import type { Cloud } from "../cloud/clients.ts";
import { compareValues, type Page, type SortValue } from "../paging.ts";
import { serversByIdFrom } from "./port-owners.ts";

/** Who asks: the session's project and whether it is a cloud admin (`isCloudAdminSession`). */
export interface NetworkScope {
  token: string;
  projectId: string;
  isAdmin: boolean;
}

export interface SortedListQuery<K extends string> {
  page: number;
  pageSize: number;
  sort?: K | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
  allProjects?: boolean | undefined;
}

/** Members are refused `allProjects` outright rather than silently given their own project. */
export function assertAllProjectsAllowed(scope: NetworkScope, allProjects: boolean | undefined): void {
  if (allProjects && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("network.listAllAdminOnly"));
  }
}

/** Neutron filter for "this project" or, for admins asking for all, no filter. */
export function projectFilter(scope: NetworkScope, allProjects: boolean | undefined): Record<string, string> {
  return allProjects && scope.isAdmin ? {} : { project_id: scope.projectId };
}

/**
 * Filters (case-insensitive substring over `haystack`), sorts by `key` with
 * ties broken by id so pages never overlap, and cuts one page.
 */
export function sortAndPage<T extends { id: string }, K extends string>(
  items: readonly T[],
  query: SortedListQuery<K>,
  defaultSort: K,
  value: (item: T, key: K) => SortValue,
  haystack: (item: T) => string[],
): Page<T> {
  const needle = query.q?.trim().toLowerCase();
  const filtered = needle
    ? items.filter((item) => haystack(item).some((s) => s.toLowerCase().includes(needle)))
    : [...items];
  const key = query.sort ?? defaultSort;
  filtered.sort((a, b) => {
    const byKey = compareValues(value(a, key), value(b, key), query.dir);
    return byKey !== 0 ? byKey : compareValues(a.id, b.id);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: filtered.slice(start, start + query.pageSize),
    total: filtered.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const projectNameCache = new TtlCache<string | null>(60_000);

/** Project names for an admin's all-projects view: one cached Keystone call per distinct id. */
export async function projectNames(
  cloud: Cloud,
  scope: NetworkScope,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id) => id !== ""))];
  const names = await Promise.all(
    unique.map((id) =>
      projectNameCache
        .get(`${scope.token}:${id}`, () => cloud.keystone.projects.get(id).then((p) => p.name))
        .catch(() => null),
    ),
  );
  const out = new Map<string, string>();
  unique.forEach((id, i) => {
    const name = names[i];
    if (name) out.set(id, name);
  });
  return out;
}

/** Up to this many instances are named one `GET /servers/{id}` each (in parallel); more take the listing. */
const NAMES_BY_ID_MAX = 20;

/**
 * Instance names by id. With `ids` (the instances a page will label) and
 * few of them, one small `GET /servers/{id}` each: at 5,000 instances in
 * the project the summary listing (five pages of 1,000) cost more than the
 * page it labels. Otherwise one summary listing (ids and names only) of the
 * caller's project, or `projectId`'s / every project's for admins. An id
 * the caller may not see (404) gets no name.
 */
export async function instanceNames(
  nova: NovaClient,
  scope: NetworkScope,
  opts: {
    projectId?: string | undefined;
    allProjects?: boolean | undefined;
    ids?: Iterable<string> | undefined;
  } = {},
): Promise<Map<string, string>> {
  const ids = opts.ids === undefined ? undefined : [...new Set(opts.ids)];
  if (ids !== undefined && ids.length <= NAMES_BY_ID_MAX) {
    const found = await serversByIdFrom(nova, ids);
    return new Map([...found.values()].map((s) => [s.id, s.name]));
  }
  const other = opts.projectId !== undefined && opts.projectId !== scope.projectId;
  const wide = scope.isAdmin && (opts.allProjects === true || other);
  const servers = await nova.servers.listAll(
    wide ? { allTenants: true, projectId: opts.allProjects ? undefined : opts.projectId } : {},
  );
  return new Map(servers.map((s) => [s.id, s.name]));
}

/** Ports that belong to instances (Nova sets `compute:<zone>` as their owner). */
export function isInstancePort(port: { device_owner: string; device_id: string }): boolean {
  return port.device_owner.startsWith("compute:") && port.device_id !== "";
}
