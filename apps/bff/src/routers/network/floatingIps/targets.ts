import { listTargets } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZTargetsRequest, ZTargetsResponse } from "./targets.types.ts";

/** Instances with their ports and IPv4 addresses: what a floating IP can be associated with. */
export const targetsRoute = projectProcedure
  .input(ZTargetsRequest)
  .output(ZTargetsResponse)
  .query(({ ctx, input }) => listTargets(ctx.cloud, networkScopeOf(ctx), input));
