import { router } from "../../trpc.ts";
import { floatingIpsRouter } from "./floatingIps/router.ts";
import { networksRouter } from "./networks/router.ts";
import { portsRouter } from "./ports/router.ts";
import { routersRouter } from "./routers/router.ts";
import { securityGroupsRouter } from "./securityGroups/router.ts";
import { subnetsRouter } from "./subnets/router.ts";
import { topologyRoute } from "./topology/get.ts";
import { topologyUpdatesRoute } from "./topology/updates.ts";

/**
 * Project → Network. Lists take `allProjects` (cloud admins only) for the
 * Admin → Network views, as `compute.instances.list` does.
 */
export const networkRouter = router({
  networks: networksRouter,
  subnets: subnetsRouter,
  ports: portsRouter,
  routers: routersRouter,
  securityGroups: securityGroupsRouter,
  floatingIps: floatingIpsRouter,
  topology: topologyRoute,
  topologyUpdates: topologyUpdatesRoute,
});
