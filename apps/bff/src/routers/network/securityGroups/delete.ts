import { deleteSecurityGroup } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteSecurityGroupRequest, ZDeleteSecurityGroupResponse } from "./delete.types.ts";
import { networkScopeOf } from "./scope.ts";

export const deleteSecurityGroupRoute = projectProcedure
  .input(ZDeleteSecurityGroupRequest)
  .output(ZDeleteSecurityGroupResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteSecurityGroup(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
