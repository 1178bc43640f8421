import type { ListSpec } from "@/components/data-table/list-spec";
import { isRouterStatus } from "@/components/network/router-status";
import type { RouterInputs } from "@/trpc/types";

type Network = RouterInputs["network"];
type Sort<I extends { sort?: unknown }> = NonNullable<I["sort"]>;

/** Networks: the admin's view of every project filters by project. */
export const NETWORKS_LIST: ListSpec<
  Network["networks"]["list"],
  Sort<Network["networks"]["list"]>,
  "project"
> = {
  path: "network.networks.list",
  defaults: { sort: "name", dir: "asc" },
  filters: ["project"],
  input: (scope, params, filters) => ({
    ...params,
    ...(scope === "all" ? { allProjects: true, projectId: filters.project || undefined } : {}),
  }),
};

export const ROUTERS_LIST: ListSpec<
  Network["routers"]["list"],
  Sort<Network["routers"]["list"]>,
  "status"
> = {
  path: "network.routers.list",
  defaults: { sort: "name", dir: "asc" },
  filters: ["status"],
  input: (scope, params, filters) => ({
    ...params,
    status: isRouterStatus(filters.status) ? filters.status : undefined,
    ...(scope === "all" ? { allProjects: true } : {}),
  }),
};

type FloatingIpStatus = NonNullable<Network["floatingIps"]["list"]["status"]>;
/** Neutron's floating IP statuses, for the filter (labelled by `network.floatingIps.filter.<status>`). */
export const FLOATING_IP_STATUSES: readonly FloatingIpStatus[] = ["ACTIVE", "DOWN", "ERROR"];
export function floatingIpStatus(value: string): FloatingIpStatus | "" {
  return FLOATING_IP_STATUSES.find((s) => s === value) ?? "";
}

export const FLOATING_IPS_LIST: ListSpec<
  Network["floatingIps"]["list"],
  Sort<Network["floatingIps"]["list"]>,
  "status"
> = {
  path: "network.floatingIps.list",
  defaults: { sort: "address", dir: "asc" },
  filters: ["status"],
  input: (scope, params, filters) => {
    const status = floatingIpStatus(filters.status);
    return { ...params, ...(status ? { status } : {}), ...(scope === "all" ? { allProjects: true } : {}) };
  },
};

export const SECURITY_GROUPS_LIST: ListSpec<
  Network["securityGroups"]["list"],
  Sort<Network["securityGroups"]["list"]>
> = {
  path: "network.securityGroups.list",
  defaults: { sort: "name", dir: "asc" },
  filters: [],
  input: (_scope, params) => params,
};

/** Neutron's agents (admin): paged and sorted in the URL; the type and state filters live in the page. */
export const NETWORK_AGENTS_LIST: ListSpec<
  RouterInputs["admin"]["network"]["agents"]["list"],
  Sort<RouterInputs["admin"]["network"]["agents"]["list"]>
> = {
  path: "admin.network.agents.list",
  defaults: { sort: "host", dir: "asc" },
  filters: [],
  input: (_scope, params) => params,
};
