import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZGranteeRoles } from "./project.types.ts";

export const ZProjectMembersRequestSchema = z.object({ projectId: ZId });
export type TProjectMembersRequest = z.infer<typeof ZProjectMembersRequestSchema>;
export const ZProjectMembersResponseSchema = z.object({
  users: z.array(ZGranteeRoles),
  groups: z.array(ZGranteeRoles),
});
export type TProjectMembersResponse = z.infer<typeof ZProjectMembersResponseSchema>;
