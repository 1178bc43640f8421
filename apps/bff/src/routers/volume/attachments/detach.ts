import { detachVolume } from "../../../services/volume/attachments.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { ZDetachVolumeRequest, ZDetachVolumeResponse } from "./detach.types.ts";

export const detachVolumeRoute = projectProcedure
  .input(ZDetachVolumeRequest)
  .output(ZDetachVolumeResponse)
  .mutation(async ({ ctx, input }) => {
    await detachVolume(ctx.cloud, volumeScopeOf(ctx), input);
    return { ok: true as const };
  });
