import { router } from "../../../trpc.ts";
import { cidrSuggestionsRoute } from "./cidrSuggestions.ts";
import { createNetworkRoute } from "./create.ts";
import { deleteNetworkRoute } from "./delete.ts";
import { getNetworkRoute } from "./get.ts";
import { listNetworksRoute } from "./list.ts";
import { updateNetworkRoute } from "./update.ts";

export const networksRouter = router({
  list: listNetworksRoute,
  get: getNetworkRoute,
  create: createNetworkRoute,
  update: updateNetworkRoute,
  delete: deleteNetworkRoute,
  cidrSuggestions: cidrSuggestionsRoute,
});
