import { createVolumeOptions } from "../../../services/volume/options.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateOptionsRequest, ZCreateOptionsResponse } from "./createOptions.types.ts";

export const createVolumeOptionsRoute = projectProcedure
  .input(ZCreateOptionsRequest)
  .output(ZCreateOptionsResponse)
  .query(({ ctx }) => createVolumeOptions(ctx.cloud, ctx.project.id));
