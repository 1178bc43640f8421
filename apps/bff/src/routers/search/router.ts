import { router } from "../../trpc.ts";
import { searchResourcesRoute } from "./resources.ts";

/** The command palette's server-side search. */
export const searchRouter = router({
  resources: searchResourcesRoute,
});
