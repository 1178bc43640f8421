import { listBackups } from "../../../services/volume/backups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListBackupsRequest, ZListBackupsResponse } from "./list.types.ts";

export const listBackupsRoute = projectProcedure
  .input(ZListBackupsRequest)
  .output(ZListBackupsResponse)
  .query(({ ctx, input }) => listBackups(ctx.cloud, input));
