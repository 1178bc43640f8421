import { updateVolumeType } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZUpdateVolumeTypeRequest, ZUpdateVolumeTypeResponse } from "./updateType.types.ts";

export const updateVolumeTypeRoute = adminProcedure
  .input(ZUpdateVolumeTypeRequest)
  .output(ZUpdateVolumeTypeResponse)
  .mutation(async ({ ctx, input }) => {
    await updateVolumeType(ctx.cloud, input);
    return { ok: true as const };
  });
