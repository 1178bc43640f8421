import { deleteVolumeType } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteVolumeTypeRequest, ZDeleteVolumeTypeResponse } from "./deleteType.types.ts";

export const deleteVolumeTypeRoute = adminProcedure
  .input(ZDeleteVolumeTypeRequest)
  .output(ZDeleteVolumeTypeResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteVolumeType(ctx.cloud, input.id);
    return { ok: true as const };
  });
