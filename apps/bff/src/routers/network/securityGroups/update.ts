import { updateSecurityGroup } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "./scope.ts";
import { ZUpdateSecurityGroupRequest, ZUpdateSecurityGroupResponse } from "./update.types.ts";

export const updateSecurityGroupRoute = projectProcedure
  .input(ZUpdateSecurityGroupRequest)
  .output(ZUpdateSecurityGroupResponse)
  .mutation(({ ctx, input }) => updateSecurityGroup(ctx.cloud, networkScopeOf(ctx), input));
