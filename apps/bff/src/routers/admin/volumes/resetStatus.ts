import { resetVolumeStatus } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZResetVolumeStatusRequest, ZResetVolumeStatusResponse } from "./resetStatus.types.ts";

export const resetVolumeStatusRoute = adminProcedure
  .input(ZResetVolumeStatusRequest)
  .output(ZResetVolumeStatusResponse)
  .mutation(async ({ ctx, input }) => {
    await resetVolumeStatus(ctx.cloud, input);
    return { ok: true as const };
  });
