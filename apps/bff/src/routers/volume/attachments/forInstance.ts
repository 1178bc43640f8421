import { instanceVolumes } from "../../../services/volume/attachments.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInstanceVolumesRequest, ZInstanceVolumesResponse } from "./forInstance.types.ts";

export const instanceVolumesRoute = projectProcedure
  .input(ZInstanceVolumesRequest)
  .output(ZInstanceVolumesResponse)
  .query(({ ctx, input }) => instanceVolumes(ctx.cloud, input.serverId));
