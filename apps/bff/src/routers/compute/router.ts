import { router } from "../../trpc.ts";
import { flavorsRouter } from "./flavors/router.ts";
import { instancesRouter } from "./instances/router.ts";
import { keyPairsRouter } from "./keyPairs/router.ts";
import { launchOptionsRoute } from "./launchOptions.ts";
import { overviewRoute } from "./overview.ts";

export const computeRouter = router({
  overview: overviewRoute,
  launchOptions: launchOptionsRoute,
  instances: instancesRouter,
  flavors: flavorsRouter,
  keyPairs: keyPairsRouter,
});
