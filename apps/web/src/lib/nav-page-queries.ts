import type { ListScope, ListSpec } from "@/components/data-table/list-spec";
import { parseListFilters, parseListParams } from "@/components/data-table/list-url";
import { INSTANCES_LIST } from "@/lib/lists/compute";
import {
  APP_CREDENTIALS_LIST,
  GROUPS_LIST,
  PROJECTS_LIST,
  ROLES_LIST,
  USERS_LIST,
} from "@/lib/lists/identity";
import { IMAGES_LIST } from "@/lib/lists/images";
import {
  FLOATING_IPS_LIST,
  NETWORK_AGENTS_LIST,
  NETWORKS_LIST,
  ROUTERS_LIST,
  SECURITY_GROUPS_LIST,
} from "@/lib/lists/network";
import { VOLUMES_LIST } from "@/lib/lists/volume";
import {
  ADMIN_OVERVIEW_QUERY,
  API_CATALOG_QUERY,
  COMPUTE_OVERVIEW_QUERY,
  COMPUTE_SERVICES_QUERY,
  FLAVORS_QUERY,
  HYPERVISORS_QUERY,
  KEY_PAIRS_QUERY,
  QUOTA_DEFAULTS_QUERY,
  QUOTA_PROJECTS_QUERY,
  TOP_INSTANCES_QUERY,
  VOLUME_POOLS_QUERY,
  VOLUME_SERVICES_QUERY,
  VOLUME_TYPES_QUERY,
} from "@/trpc/page-queries";
import type { PrefetchQuery } from "@/trpc/query-key";

/**
 * The queries a side-navigation page makes for its first screen, per href:
 * the page's server wrapper prefetches them for a typed URL (the HTML holds
 * the rows), and the side navigation prefetches them into React Query
 * before a click (on hover, or when the browser is idle), so the click
 * renders from the cache. Both read this one table, and each list's input
 * comes from the list's own spec through the same URL parsing its table
 * hook uses: with the same URL the key is the hook's key, or the cache
 * would miss (nav-page-queries.test.ts holds every entry to that).
 */
export interface PageQueries {
  /** The first screen's queries for this URL query string (a nav link has none). */
  queries(search: URLSearchParams): PrefetchQuery[];
  /**
   * Whether the side navigation may read them while the browser is idle.
   * False for the pages whose reads grow with the cloud (overviews, usage,
   * every project's instances): those are read only when the user points
   * at the link.
   */
  idle: boolean;
}

/** A list page's query for a URL, computed as its table computes it (list-params.ts). */
export function listQuery<I, S extends string, F extends string>(
  spec: ListSpec<I, S, F>,
  scope: ListScope,
  search: URLSearchParams,
  prefix?: string,
): PrefetchQuery {
  return {
    path: spec.path,
    input: spec.input(
      scope,
      parseListParams(search, spec.defaults, prefix),
      parseListFilters(search, spec.filters, prefix),
    ),
  };
}

function list<I, S extends string, F extends string>(
  spec: ListSpec<I, S, F>,
  scope: ListScope,
  idle = true,
): PageQueries {
  return { queries: (search) => [listQuery(spec, scope, search)], idle };
}

function fixed(queries: PrefetchQuery[], idle = true): PageQueries {
  return { queries: () => queries, idle };
}

/** Nothing to read before the page's own render (its data is too large, live or per-user to keep). */
const NONE: PageQueries = { queries: () => [], idle: false };

export const NAV_PAGE_QUERIES: Readonly<Record<string, PageQueries>> = {
  // The overview's usage panel reads in the browser's time zone and range: left to the page.
  "/project": fixed([COMPUTE_OVERVIEW_QUERY, TOP_INSTANCES_QUERY], false),
  "/project/instances": list(INSTANCES_LIST, "project"),
  "/project/images": list(IMAGES_LIST, "project"),
  "/project/key-pairs": fixed([KEY_PAIRS_QUERY]),
  "/project/volumes": list(VOLUMES_LIST, "project"),
  // The graph is kept current by push only while its page is open (staleTime: never): not prefetched.
  "/project/network-topology": NONE,
  "/project/networks": list(NETWORKS_LIST, "project"),
  "/project/routers": list(ROUTERS_LIST, "project"),
  "/project/security-groups": list(SECURITY_GROUPS_LIST, "project"),
  "/project/floating-ips": list(FLOATING_IPS_LIST, "project"),
  "/admin": fixed([ADMIN_OVERVIEW_QUERY], false),
  "/admin/hypervisors": fixed([HYPERVISORS_QUERY]),
  "/admin/compute-services": fixed([COMPUTE_SERVICES_QUERY]),
  // Every project's instances: on another cloud its total pages through every server (~1.5 s of the BFF at
  // 5,000 instances, bench/pages.mjs --keep; Zenith counts them in one call): on hover only.
  "/admin/instances": list(INSTANCES_LIST, "all", false),
  "/admin/flavors": fixed([FLAVORS_QUERY]),
  "/admin/images": list(IMAGES_LIST, "all"),
  "/admin/volumes": list(VOLUMES_LIST, "all"),
  "/admin/volume-types": fixed([VOLUME_TYPES_QUERY]),
  "/admin/volume-services": fixed([VOLUME_SERVICES_QUERY, VOLUME_POOLS_QUERY]),
  "/admin/network-topology": NONE,
  "/admin/networks": list(NETWORKS_LIST, "all"),
  "/admin/routers": list(ROUTERS_LIST, "all"),
  "/admin/floating-ips": list(FLOATING_IPS_LIST, "all"),
  "/admin/network-agents": list(NETWORK_AGENTS_LIST, "all"),
  "/admin/quotas": fixed([QUOTA_DEFAULTS_QUERY, QUOTA_PROJECTS_QUERY]),
  "/identity/projects": list(PROJECTS_LIST, "project"),
  "/identity/users": list(USERS_LIST, "project"),
  "/identity/groups": list(GROUPS_LIST, "project"),
  "/identity/roles": list(ROLES_LIST, "project"),
  "/identity/application-credentials": list(APP_CREDENTIALS_LIST, "project"),
  "/identity/api-access": fixed([API_CATALOG_QUERY]),
};

const EMPTY_SEARCH = new URLSearchParams();

/** The first screen's queries of the page at `href` (a nav entry) for `search`; none for other pages. */
export function pageQueries(href: string, search: URLSearchParams = EMPTY_SEARCH): PrefetchQuery[] {
  return Object.hasOwn(NAV_PAGE_QUERIES, href) ? (NAV_PAGE_QUERIES[href]?.queries(search) ?? []) : [];
}

/** Whether the side navigation may prefetch `href`'s data while the browser is idle. */
export function idlePrefetchable(href: string): boolean {
  return Object.hasOwn(NAV_PAGE_QUERIES, href) && NAV_PAGE_QUERIES[href]?.idle === true;
}
