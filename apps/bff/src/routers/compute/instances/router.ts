import { router } from "../../../trpc.ts";
import { instanceActionRoute } from "./action.ts";
import { actionLogRoute } from "./actionLog.ts";
import { addFloatingIpRoute } from "./addFloatingIp.ts";
import { attachInterfaceRoute } from "./attachInterface.ts";
import { consoleLogRoute } from "./consoleLog.ts";
import { detachInterfaceRoute } from "./detachInterface.ts";
import { getInstanceRoute } from "./get.ts";
import { interfaceOptionsRoute } from "./interfaceOptions.ts";
import { interfacesRoute } from "./interfaces.ts";
import { launchRoute } from "./launch.ts";
import { listInstancesRoute } from "./list.ts";
import { rebuildRoute } from "./rebuild.ts";
import { remoteConsoleRoute } from "./remoteConsole.ts";
import { removeFloatingIpRoute } from "./removeFloatingIp.ts";
import { resizeRoute } from "./resize.ts";
import { setSecurityGroupsRoute } from "./setSecurityGroups.ts";
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
  interfaces: interfacesRoute,
  interfaceOptions: interfaceOptionsRoute,
  attachInterface: attachInterfaceRoute,
  detachInterface: detachInterfaceRoute,
  addFloatingIp: addFloatingIpRoute,
  removeFloatingIp: removeFloatingIpRoute,
  setSecurityGroups: setSecurityGroupsRoute,
});
