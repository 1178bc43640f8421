import { router } from "../../trpc.ts";
import { listComputeServicesRoute } from "./computeServices/list.ts";
import { setServiceEnabledRoute } from "./computeServices/setEnabled.ts";
import { flavorAccessRoute } from "./flavors/access.ts";
import { createFlavorRoute } from "./flavors/create.ts";
import { deleteFlavorRoute } from "./flavors/delete.ts";
import { listAllFlavorsRoute } from "./flavors/list.ts";
import { setFlavorAccessRoute } from "./flavors/setAccess.ts";
import { listHypervisorsRoute } from "./hypervisors/list.ts";
import { adminNetworkRouter } from "./network/router.ts";
import { quotaDefaultsRoute } from "./quotas/defaults.ts";
import { getQuotaRoute } from "./quotas/get.ts";
import { updateQuotaRoute } from "./quotas/update.ts";
import { updateQuotaDefaultsRoute } from "./quotas/updateDefaults.ts";
import { adminVolumesRouter } from "./volumes/router.ts";

export const adminRouter = router({
  hypervisors: router({ list: listHypervisorsRoute }),
  computeServices: router({ list: listComputeServicesRoute, setEnabled: setServiceEnabledRoute }),
  flavors: router({
    list: listAllFlavorsRoute,
    create: createFlavorRoute,
    delete: deleteFlavorRoute,
    access: flavorAccessRoute,
    setAccess: setFlavorAccessRoute,
  }),
  network: adminNetworkRouter,
  volumes: adminVolumesRouter,
  quotas: router({
    get: getQuotaRoute,
    update: updateQuotaRoute,
    defaults: quotaDefaultsRoute,
    updateDefaults: updateQuotaDefaultsRoute,
  }),
});
