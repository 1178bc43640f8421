import { listFloatingIps } from "../../../services/network/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "../securityGroups/scope.ts";
import { ZListFloatingIpsRequest, ZListFloatingIpsResponse } from "./list.types.ts";

export const listFloatingIpsRoute = projectProcedure
  .input(ZListFloatingIpsRequest)
  .output(ZListFloatingIpsResponse)
  .query(({ ctx, input }) => listFloatingIps(ctx.cloud, networkScopeOf(ctx), input));
