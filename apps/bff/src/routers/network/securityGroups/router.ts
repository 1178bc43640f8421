import { router } from "../../../trpc.ts";
import { addRuleRoute } from "./addRule.ts";
import { createSecurityGroupRoute } from "./create.ts";
import { deleteSecurityGroupRoute } from "./delete.ts";
import { deleteRuleRoute } from "./deleteRule.ts";
import { getSecurityGroupRoute } from "./get.ts";
import { listSecurityGroupsRoute } from "./list.ts";
import { ruleTemplatesRoute } from "./ruleTemplates.ts";
import { updateSecurityGroupRoute } from "./update.ts";

export const securityGroupsRouter = router({
  list: listSecurityGroupsRoute,
  get: getSecurityGroupRoute,
  create: createSecurityGroupRoute,
  update: updateSecurityGroupRoute,
  delete: deleteSecurityGroupRoute,
  addRule: addRuleRoute,
  deleteRule: deleteRuleRoute,
  ruleTemplates: ruleTemplatesRoute,
});
