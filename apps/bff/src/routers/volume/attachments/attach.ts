import { attachVolume } from "../../../services/volume/attachments.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { ZAttachVolumeRequest, ZAttachVolumeResponse } from "./attach.types.ts";

export const attachVolumeRoute = projectProcedure
  .input(ZAttachVolumeRequest)
  .output(ZAttachVolumeResponse)
  .mutation(({ ctx, input }) => attachVolume(ctx.cloud, volumeScopeOf(ctx), input));
