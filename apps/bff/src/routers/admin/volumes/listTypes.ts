import { listVolumeTypes } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListVolumeTypesRequest, ZListVolumeTypesResponse } from "./listTypes.types.ts";

export const listVolumeTypesRoute = adminProcedure
  .input(ZListVolumeTypesRequest)
  .output(ZListVolumeTypesResponse)
  .query(({ ctx }) => listVolumeTypes(ctx.cloud));
