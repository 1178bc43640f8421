import { deleteBackup } from "../../../services/volume/backups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteBackupRequest, ZDeleteBackupResponse } from "./delete.types.ts";

export const deleteBackupRoute = projectProcedure
  .input(ZDeleteBackupRequest)
  .output(ZDeleteBackupResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteBackup(ctx.cloud, input.id);
    return { ok: true as const };
  });
