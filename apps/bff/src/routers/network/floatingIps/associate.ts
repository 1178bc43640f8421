import { associateFloatingIp } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZAssociateRequest, ZAssociateResponse } from "./associate.types.ts";

export const associateRoute = projectProcedure
  .input(ZAssociateRequest)
  .output(ZAssociateResponse)
  .mutation(({ ctx, input }) => associateFloatingIp(ctx.cloud, networkScopeOf(ctx), input));
