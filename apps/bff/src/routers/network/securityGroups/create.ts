import { createSecurityGroup } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateSecurityGroupRequest, ZCreateSecurityGroupResponse } from "./create.types.ts";
import { networkScopeOf } from "./scope.ts";

export const createSecurityGroupRoute = projectProcedure
  .input(ZCreateSecurityGroupRequest)
  .output(ZCreateSecurityGroupResponse)
  .mutation(({ ctx, input }) => createSecurityGroup(ctx.cloud, networkScopeOf(ctx), input));
