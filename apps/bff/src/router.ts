import { adminRouter } from "./routers/admin/router.ts";
import { computeRouter } from "./routers/compute/router.ts";
import { identityRouter } from "./routers/identity/router.ts";
import { imagesRouter } from "./routers/images/router.ts";
import { metricsRouter } from "./routers/metrics/router.ts";
import { networkRouter } from "./routers/network/router.ts";
import { overviewRouter } from "./routers/overview/router.ts";
import { searchRouter } from "./routers/search/router.ts";
import { sessionRouter } from "./routers/session/router.ts";
import { usageRouter } from "./routers/usage/router.ts";
import { volumeRouter } from "./routers/volume/router.ts";
import { router } from "./trpc.ts";

/** The whole BFF API. The portal imports only `type AppRouter` from here. */
export const appRouter = router({
  session: sessionRouter,
  identity: identityRouter,
  compute: computeRouter,
  images: imagesRouter,
  network: networkRouter,
  volume: volumeRouter,
  admin: adminRouter,
  metrics: metricsRouter,
  usage: usageRouter,
  overview: overviewRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
