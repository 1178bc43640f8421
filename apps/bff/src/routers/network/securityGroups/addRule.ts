import { addSecurityGroupRules } from "../../../services/network/security-groups.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAddRuleRequest, ZAddRuleResponse } from "./addRule.types.ts";
import { networkScopeOf } from "./scope.ts";

export const addRuleRoute = projectProcedure
  .input(ZAddRuleRequest)
  .output(ZAddRuleResponse)
  .mutation(({ ctx, input }) => addSecurityGroupRules(ctx.cloud, networkScopeOf(ctx), input));
