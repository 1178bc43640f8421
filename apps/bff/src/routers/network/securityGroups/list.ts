import { listSecurityGroups } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListSecurityGroupsRequest, ZListSecurityGroupsResponse } from "./list.types.ts";
import { networkScopeOf } from "./scope.ts";

export const listSecurityGroupsRoute = projectProcedure
  .input(ZListSecurityGroupsRequest)
  .output(ZListSecurityGroupsResponse)
  .query(({ ctx, input }) => listSecurityGroups(ctx.cloud, networkScopeOf(ctx), input));
