import { extendVolume } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZExtendVolumeRequest, ZExtendVolumeResponse } from "./extend.types.ts";

export const extendVolumeRoute = projectProcedure
  .input(ZExtendVolumeRequest)
  .output(ZExtendVolumeResponse)
  .mutation(async ({ ctx, input }) => {
    await extendVolume(ctx.cloud, input.id, input.newSize);
    return { ok: true as const };
  });
