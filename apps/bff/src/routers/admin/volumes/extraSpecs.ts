import { setVolumeTypeExtraSpecs } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZSetExtraSpecsRequest, ZSetExtraSpecsResponse } from "./extraSpecs.types.ts";

export const setExtraSpecsRoute = adminProcedure
  .input(ZSetExtraSpecsRequest)
  .output(ZSetExtraSpecsResponse)
  .mutation(({ ctx, input }) => setVolumeTypeExtraSpecs(ctx.cloud, input));
