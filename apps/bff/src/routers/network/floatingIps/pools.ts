import { listPools } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZPoolsRequest, ZPoolsResponse } from "./pools.types.ts";

/** External networks: where floating IPs come from. */
export const poolsRoute = projectProcedure
  .input(ZPoolsRequest)
  .output(ZPoolsResponse)
  .query(({ ctx }) => listPools(ctx.cloud));
