import { restoreBackup } from "../../../services/volume/backups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRestoreBackupRequest, ZRestoreBackupResponse } from "./restore.types.ts";

export const restoreBackupRoute = projectProcedure
  .input(ZRestoreBackupRequest)
  .output(ZRestoreBackupResponse)
  .mutation(({ ctx, input }) => restoreBackup(ctx.cloud, input));
