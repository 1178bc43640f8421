import type { PrefetchQuery } from "./query-key";
import type { RouterInputs } from "./types";

/**
 * The queries each page's first screen makes, spelled once: the page's
 * server wrapper prefetches them (the HTML holds the data), and a row's
 * link prefetches them into React Query on hover (a click shows the page at
 * once). Each must be exactly the hook's input, or the cache misses.
 */

export const instanceQuery = (id: string): PrefetchQuery => ({
  path: "compute.instances.get",
  input: { id } satisfies RouterInputs["compute"]["instances"]["get"],
});
export const networkQuery = (id: string): PrefetchQuery => ({
  path: "network.networks.get",
  input: { id } satisfies RouterInputs["network"]["networks"]["get"],
});
export const routerQuery = (id: string): PrefetchQuery => ({
  path: "network.routers.get",
  input: { id } satisfies RouterInputs["network"]["routers"]["get"],
});
export const volumeQuery = (id: string): PrefetchQuery => ({
  path: "volume.get",
  input: { id } satisfies RouterInputs["volume"]["get"],
});
export const securityGroupQuery = (id: string): PrefetchQuery => ({
  path: "network.securityGroups.get",
  input: { id } satisfies RouterInputs["network"]["securityGroups"]["get"],
});

/** The signed-in user (router detail asks it to offer admin-only actions). */
export const SESSION_ME_QUERY: PrefetchQuery = { path: "session.me" };

/** The project overview's quota panel. */
export const COMPUTE_OVERVIEW_QUERY: PrefetchQuery = { path: "compute.overview" };

/** The project overview's busiest instances, as first shown (the range the panel opens on). */
export const TOP_INSTANCES_INPUT = {
  range: "24h",
  limit: 5,
} as const satisfies RouterInputs["metrics"]["topInstances"];
export const TOP_INSTANCES_QUERY: PrefetchQuery = {
  path: "metrics.topInstances",
  input: TOP_INSTANCES_INPUT,
};

/** The admin overview's hosts, instances by state and services' health. */
export const ADMIN_OVERVIEW_QUERY: PrefetchQuery = { path: "overview.admin" };

/** Key pairs: the project's own (no user filter), as the page first asks. */
export const KEY_PAIRS_INPUT = {} as const satisfies RouterInputs["compute"]["keyPairs"]["list"];
export const KEY_PAIRS_QUERY: PrefetchQuery = { path: "compute.keyPairs.list", input: KEY_PAIRS_INPUT };

/** The quotas page: the defaults (read through the caller's own project) and the projects to choose from. */
export const QUOTA_DEFAULTS_INPUT = {} as const satisfies RouterInputs["admin"]["quotas"]["defaults"];
export const QUOTA_DEFAULTS_QUERY: PrefetchQuery = {
  path: "admin.quotas.defaults",
  input: QUOTA_DEFAULTS_INPUT,
};
export const QUOTA_PROJECTS_INPUT = {
  page: 1,
  pageSize: 100,
  sort: "name",
  dir: "asc",
} as const satisfies RouterInputs["identity"]["projects"]["list"];
export const QUOTA_PROJECTS_QUERY: PrefetchQuery = {
  path: "identity.projects.list",
  input: QUOTA_PROJECTS_INPUT,
};

/** Admin pages whose procedures take no input: the page's hook asks `useQuery()`. */
export const HYPERVISORS_QUERY: PrefetchQuery = { path: "admin.hypervisors.list" };
export const COMPUTE_SERVICES_QUERY: PrefetchQuery = { path: "admin.computeServices.list" };
export const FLAVORS_QUERY: PrefetchQuery = { path: "admin.flavors.list" };
export const VOLUME_TYPES_QUERY: PrefetchQuery = { path: "admin.volumes.types.list" };
export const VOLUME_SERVICES_QUERY: PrefetchQuery = { path: "admin.volumes.services" };
export const VOLUME_POOLS_QUERY: PrefetchQuery = { path: "admin.volumes.pools" };
/** API access: the endpoint catalog (the page's and the credential files' hooks). */
export const API_CATALOG_QUERY: PrefetchQuery = { path: "identity.apiAccess.catalog" };
