import { z } from "zod";
import { ZSecurityGroupDescription, ZSecurityGroupName } from "./securityGroup.types.ts";

export const ZCreateSecurityGroupRequest = z.object({
  name: ZSecurityGroupName,
  description: ZSecurityGroupDescription.optional(),
});
export type TCreateSecurityGroupRequest = z.infer<typeof ZCreateSecurityGroupRequest>;
export { ZSecurityGroupRow as ZCreateSecurityGroupResponse } from "./securityGroup.types.ts";
