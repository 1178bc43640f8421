import { z } from "zod";
import { ZId, ZIdRef } from "../../list.types.ts";
import { ZRuleRow, ZSecurityGroupRow } from "./securityGroup.types.ts";

export const ZGetSecurityGroupRequest = z.object({ id: ZId });
export const ZGetSecurityGroupResponse = ZSecurityGroupRow.extend({
  rules: z.array(ZRuleRow),
  /** Instances with a port in this group. */
  usedBy: z.array(ZIdRef),
});
export type TGetSecurityGroupResponse = z.infer<typeof ZGetSecurityGroupResponse>;
