import { createBackup } from "../../../services/volume/backups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateBackupRequest, ZCreateBackupResponse } from "./create.types.ts";

export const createBackupRoute = projectProcedure
  .input(ZCreateBackupRequest)
  .output(ZCreateBackupResponse)
  .mutation(({ ctx, input }) => createBackup(ctx.cloud, input));
