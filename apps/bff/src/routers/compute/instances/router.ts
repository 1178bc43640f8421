import { router } from "../../../trpc.ts";
import { instanceActionRoute } from "./action.ts";
import { actionLogRoute } from "./actionLog.ts";
import { consoleLogRoute } from "./consoleLog.ts";
import { getInstanceRoute } from "./get.ts";
import { launchRoute } from "./launch.ts";
import { listInstancesRoute } from "./list.ts";
import { rebuildRoute } from "./rebuild.ts";
import { remoteConsoleRoute } from "./remoteConsole.ts";
import { resizeRoute } from "./resize.ts";
import { snapshotRoute } from "./snapshot.ts";
import { instanceUpdatesRoute } from "./updates.ts";

export const instancesRouter = router({
  list: listInstancesRoute,
  get: getInstanceRoute,
  launch: launchRoute,
  action: instanceActionRoute,
  resize: resizeRoute,
  rebuild: rebuildRoute,
  snapshot: snapshotRoute,
  consoleLog: consoleLogRoute,
  remoteConsole: remoteConsoleRoute,
  actionLog: actionLogRoute,
  updates: instanceUpdatesRoute,
});
