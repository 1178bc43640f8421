import { router } from "../../trpc.ts";
import { availableRoute } from "./available.ts";
import { instanceSeriesRoute } from "./instanceSeries.ts";
import { instanceUpdatesRoute } from "./instanceUpdates.ts";
import { topInstancesRoute } from "./topInstances.ts";

/** Metering charts, read from the cloud's metric service (Gnocchi's API) with the caller's token. */
export const metricsRouter = router({
  available: availableRoute,
  instanceSeries: instanceSeriesRoute,
  instanceUpdates: instanceUpdatesRoute,
  topInstances: topInstancesRoute,
});
