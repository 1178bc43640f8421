import type { ListSpec } from "@/components/data-table/list-spec";
import { isVisibility } from "@/components/images/image-formats";
import type { RouterInputs } from "@/trpc/types";

type ListInput = RouterInputs["images"]["list"];

/** Glance images, filtered by visibility. */
export const IMAGES_LIST: ListSpec<ListInput, NonNullable<ListInput["sort"]>, "visibility"> = {
  path: "images.list",
  defaults: { sort: "name", dir: "asc" },
  filters: ["visibility"],
  input: (_scope, params, filters) => ({
    ...params,
    visibility: isVisibility(filters.visibility) ? filters.visibility : undefined,
  }),
};
