import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZSecurityGroupDescription, ZSecurityGroupName } from "./securityGroup.types.ts";

export const ZUpdateSecurityGroupRequest = z.object({
  id: ZId,
  name: ZSecurityGroupName.optional(),
  description: ZSecurityGroupDescription.optional(),
});
export { ZSecurityGroupRow as ZUpdateSecurityGroupResponse } from "./securityGroup.types.ts";
