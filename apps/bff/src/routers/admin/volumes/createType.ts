import { createVolumeType } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateVolumeTypeRequest, ZCreateVolumeTypeResponse } from "./createType.types.ts";

export const createVolumeTypeRoute = adminProcedure
  .input(ZCreateVolumeTypeRequest)
  .output(ZCreateVolumeTypeResponse)
  .mutation(({ ctx, input }) => createVolumeType(ctx.cloud, input));
