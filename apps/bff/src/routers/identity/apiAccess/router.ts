import { router } from "../../../trpc.ts";
import { catalogRoute } from "./catalog.ts";
import { cloudsYamlRoute } from "./cloudsYaml.ts";
import { openrcRoute } from "./openrc.ts";

export const apiAccessRouter = router({
  openrc: openrcRoute,
  cloudsYaml: cloudsYamlRoute,
  catalog: catalogRoute,
});
