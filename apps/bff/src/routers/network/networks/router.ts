import { router } from "../../../trpc.ts";
import { cidrSuggestionsRoute } from "./cidrSuggestions.ts";
import { createNetworkRoute } from "./create.ts";
import { deleteNetworkRoute } from "./delete.ts";
import { getNetworkRoute } from "./get.ts";
import { listNetworkInstancesRoute } from "./instances.ts";
import { listNetworksRoute } from "./list.ts";
import { updateNetworkRoute } from "./update.ts";

export const networksRouter = router({
  list: listNetworksRoute,
  get: getNetworkRoute,
  instances: listNetworkInstancesRoute,
  create: createNetworkRoute,
  update: updateNetworkRoute,
  delete: deleteNetworkRoute,
  cidrSuggestions: cidrSuggestionsRoute,
});
