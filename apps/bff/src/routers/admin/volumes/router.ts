import { router } from "../../../trpc.ts";
import { createVolumeTypeRoute } from "./createType.ts";
import { deleteVolumeTypeRoute } from "./deleteType.ts";
import { setExtraSpecsRoute } from "./extraSpecs.ts";
import { forceDeleteVolumeRoute } from "./forceDelete.ts";
import { listVolumeTypesRoute } from "./listTypes.ts";
import { listPoolsRoute } from "./pools.ts";
import { resetVolumeStatusRoute } from "./resetStatus.ts";
import { listVolumeServicesRoute } from "./services.ts";
import { updateVolumeTypeRoute } from "./updateType.ts";

/**
 * Admin → Volumes. Listing every project's volumes is `volume.list` with
 * `allProjects` (one procedure, one shape); these are the admin-only actions.
 */
export const adminVolumesRouter = router({
  resetStatus: resetVolumeStatusRoute,
  forceDelete: forceDeleteVolumeRoute,
  types: router({
    list: listVolumeTypesRoute,
    create: createVolumeTypeRoute,
    update: updateVolumeTypeRoute,
    delete: deleteVolumeTypeRoute,
    setExtraSpecs: setExtraSpecsRoute,
  }),
  services: listVolumeServicesRoute,
  pools: listPoolsRoute,
});
