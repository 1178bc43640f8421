import { forceDeleteVolume } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZForceDeleteVolumeRequest, ZForceDeleteVolumeResponse } from "./forceDelete.types.ts";

export const forceDeleteVolumeRoute = adminProcedure
  .input(ZForceDeleteVolumeRequest)
  .output(ZForceDeleteVolumeResponse)
  .mutation(async ({ ctx, input }) => {
    await forceDeleteVolume(ctx.cloud, input.id);
    return { ok: true as const };
  });
