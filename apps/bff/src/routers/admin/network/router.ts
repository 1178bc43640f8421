import { router } from "../../../trpc.ts";
import { listNetworkAgentsRoute } from "./agents/list.ts";
import { setNetworkAgentEnabledRoute } from "./agents/setEnabled.ts";
import { getNetworkQuotaRoute } from "./quotas/get.ts";
import { updateNetworkQuotaRoute } from "./quotas/update.ts";

/** Admin → Network: network agents and per-project network quotas. */
export const adminNetworkRouter = router({
  agents: router({ list: listNetworkAgentsRoute, setEnabled: setNetworkAgentEnabledRoute }),
  quotas: router({ get: getNetworkQuotaRoute, update: updateNetworkQuotaRoute }),
});
