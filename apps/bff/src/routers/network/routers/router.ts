import { router } from "../../../trpc.ts";
import { addInterfaceRoute } from "./addInterface.ts";
import { clearGatewayRoute } from "./clearGateway.ts";
import { createRouterRoute } from "./create.ts";
import { deleteRouterRoute } from "./delete.ts";
import { getRouterRoute } from "./get.ts";
import { listRoutersRoute } from "./list.ts";
import { routerOptionsRoute } from "./options.ts";
import { removeInterfaceRoute } from "./removeInterface.ts";
import { setGatewayRoute } from "./setGateway.ts";
import { setRoutesRoute } from "./setRoutes.ts";
import { updateRouterRoute } from "./update.ts";

/** Project → Network → Routers (and Admin → All routers with `allProjects`). */
export const routersRouter = router({
  list: listRoutersRoute,
  get: getRouterRoute,
  options: routerOptionsRoute,
  create: createRouterRoute,
  update: updateRouterRoute,
  setGateway: setGatewayRoute,
  clearGateway: clearGatewayRoute,
  addInterface: addInterfaceRoute,
  removeInterface: removeInterfaceRoute,
  setRoutes: setRoutesRoute,
  delete: deleteRouterRoute,
});
