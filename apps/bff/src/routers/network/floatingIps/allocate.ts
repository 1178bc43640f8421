import { allocateFloatingIp } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZAllocateRequest, ZAllocateResponse } from "./allocate.types.ts";

export const allocateRoute = projectProcedure
  .input(ZAllocateRequest)
  .output(ZAllocateResponse)
  .mutation(({ ctx, input }) => allocateFloatingIp(ctx.cloud, networkScopeOf(ctx), input));
