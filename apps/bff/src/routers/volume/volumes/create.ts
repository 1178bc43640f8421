import { createVolume } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateVolumeRequest, ZCreateVolumeResponse } from "./create.types.ts";

export const createVolumeRoute = projectProcedure
  .input(ZCreateVolumeRequest)
  .output(ZCreateVolumeResponse)
  .mutation(({ ctx, input }) => createVolume(ctx.cloud, input));
