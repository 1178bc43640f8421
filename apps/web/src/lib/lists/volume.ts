import type { ListSpec } from "@/components/data-table/list-spec";
import type { RouterInputs } from "@/trpc/types";

type ListInput = RouterInputs["volume"]["list"];

/** Volumes: status for everyone; project in the admin's view of every project. */
export const VOLUMES_LIST: ListSpec<ListInput, NonNullable<ListInput["sort"]>, "status" | "project"> = {
  path: "volume.list",
  defaults: { sort: "created", dir: "desc" },
  filters: ["status", "project"],
  input: (scope, params, filters) => ({
    ...params,
    ...(filters.status ? { status: filters.status } : {}),
    ...(scope === "all"
      ? { allProjects: true, ...(filters.project ? { projectId: filters.project } : {}) }
      : {}),
  }),
};
