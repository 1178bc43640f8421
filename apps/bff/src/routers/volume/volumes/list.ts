import { listVolumes } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { ZListVolumesRequest, ZListVolumesResponse } from "./list.types.ts";

export const listVolumesRoute = projectProcedure
  .input(ZListVolumesRequest)
  .output(ZListVolumesResponse)
  .query(({ ctx, input }) => listVolumes(ctx.cloud, volumeScopeOf(ctx), input));
