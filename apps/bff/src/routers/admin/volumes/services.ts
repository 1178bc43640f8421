import { listVolumeServices } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListVolumeServicesRequest, ZListVolumeServicesResponse } from "./services.types.ts";

export const listVolumeServicesRoute = adminProcedure
  .input(ZListVolumeServicesRequest)
  .output(ZListVolumeServicesResponse)
  .query(({ ctx }) => listVolumeServices(ctx.cloud));
