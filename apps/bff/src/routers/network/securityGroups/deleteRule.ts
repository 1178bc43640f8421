import { deleteSecurityGroupRule } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteRuleRequest, ZDeleteRuleResponse } from "./deleteRule.types.ts";
import { networkScopeOf } from "./scope.ts";

export const deleteRuleRoute = projectProcedure
  .input(ZDeleteRuleRequest)
  .output(ZDeleteRuleResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteSecurityGroupRule(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
