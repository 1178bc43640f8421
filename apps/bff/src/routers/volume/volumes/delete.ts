import { deleteVolume } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteVolumeRequest, ZDeleteVolumeResponse } from "./delete.types.ts";

/** Deletes after the user typed the name: a stale dialog never deletes another volume. */
export const deleteVolumeRoute = projectProcedure
  .input(ZDeleteVolumeRequest)
  .output(ZDeleteVolumeResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteVolume(ctx.cloud, input.id, input);
    return { ok: true as const };
  });
