import { listPools } from "../../../services/volume/admin.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListPoolsRequest, ZListPoolsResponse } from "./pools.types.ts";

export const listPoolsRoute = adminProcedure
  .input(ZListPoolsRequest)
  .output(ZListPoolsResponse)
  .query(({ ctx }) => listPools(ctx.cloud));
