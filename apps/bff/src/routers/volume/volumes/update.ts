import { updateVolume } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { ZUpdateVolumeRequest, ZUpdateVolumeResponse } from "./update.types.ts";

export const updateVolumeRoute = projectProcedure
  .input(ZUpdateVolumeRequest)
  .output(ZUpdateVolumeResponse)
  .mutation(({ ctx, input }) => updateVolume(ctx.cloud, volumeScopeOf(ctx), input));
