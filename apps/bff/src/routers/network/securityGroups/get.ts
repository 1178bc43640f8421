import { getSecurityGroup } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZGetSecurityGroupRequest, ZGetSecurityGroupResponse } from "./get.types.ts";
import { networkScopeOf } from "./scope.ts";

export const getSecurityGroupRoute = projectProcedure
  .input(ZGetSecurityGroupRequest)
  .output(ZGetSecurityGroupResponse)
  .query(({ ctx, input }) => getSecurityGroup(ctx.cloud, networkScopeOf(ctx), input.id));
