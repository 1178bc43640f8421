import { z } from "zod";
import { ZId, ZOk } from "../../list.types.ts";

export const ZSetSecurityGroupsRequestSchema = z.object({
  id: ZId,
  /** The instance's groups after the call (every port gets them). */
  securityGroupIds: z.array(ZId).max(20, "At most 20 security groups."),
});
export type TSetSecurityGroupsRequest = z.infer<typeof ZSetSecurityGroupsRequestSchema>;
export { ZOk as ZSetSecurityGroupsResponseSchema };
