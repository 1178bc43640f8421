import type { ListSpec } from "@/components/data-table/list-spec";
import { isInstanceStatus } from "@/lib/compute/instance-status";
import type { RouterInputs } from "@/trpc/types";

type ListInput = RouterInputs["compute"]["instances"]["list"];
type SortKey = NonNullable<ListInput["sort"]>;
export type InstanceFilter = "status" | "host" | "project";

/** The instances list: status for everyone; host and project in the admin's view of every project. */
export const INSTANCES_LIST: ListSpec<ListInput, SortKey, InstanceFilter> = {
  path: "compute.instances.list",
  defaults: { sort: "created", dir: "desc" },
  filters: ["status", "host", "project"],
  input: (scope, params, filters) => ({
    ...params,
    status: isInstanceStatus(filters.status) ? filters.status : undefined,
    ...(scope === "all"
      ? { allProjects: true, host: filters.host || undefined, projectId: filters.project || undefined }
      : {}),
  }),
};
