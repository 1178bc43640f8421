import { router } from "../../../trpc.ts";
import { allocateRoute } from "./allocate.ts";
import { associateRoute } from "./associate.ts";
import { disassociateRoute } from "./disassociate.ts";
import { listFloatingIpsRoute } from "./list.ts";
import { poolsRoute } from "./pools.ts";
import { releaseRoute } from "./release.ts";
import { targetsRoute } from "./targets.ts";

export const floatingIpsRouter = router({
  list: listFloatingIpsRoute,
  pools: poolsRoute,
  allocate: allocateRoute,
  targets: targetsRoute,
  associate: associateRoute,
  disassociate: disassociateRoute,
  release: releaseRoute,
});
