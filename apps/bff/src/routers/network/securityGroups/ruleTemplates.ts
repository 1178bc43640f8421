import { RULE_TEMPLATES } from "../../../services/network/rule-templates.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRuleTemplatesRequest, ZRuleTemplatesResponse } from "./ruleTemplates.types.ts";

/** The templates the BFF expands in `addRule`, so the portal's picker always matches. */
export const ruleTemplatesRoute = projectProcedure
  .input(ZRuleTemplatesRequest)
  .output(ZRuleTemplatesResponse)
  .query(() => RULE_TEMPLATES.map((t) => ({ ...t, rules: [...t.rules] })));
