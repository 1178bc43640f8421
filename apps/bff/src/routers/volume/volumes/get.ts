import { getVolume } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { ZGetVolumeRequest, ZGetVolumeResponse } from "./get.types.ts";

export const getVolumeRoute = projectProcedure
  .input(ZGetVolumeRequest)
  .output(ZGetVolumeResponse)
  .query(({ ctx, input }) => getVolume(ctx.cloud, volumeScopeOf(ctx), input.id));
