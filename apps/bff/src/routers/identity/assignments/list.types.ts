import { z } from "zod";
import { ZId, ZIdRef } from "../../list.types.ts";

export const ZListAssignmentsRequestSchema = z.object({
  userId: ZId.optional(),
  groupId: ZId.optional(),
  projectId: ZId.optional(),
  roleId: ZId.optional(),
  effective: z.boolean().optional(),
});
export type TListAssignmentsRequest = z.infer<typeof ZListAssignmentsRequestSchema>;

export const ZAssignmentSchema = z.object({
  role: ZIdRef,
  user: ZIdRef.optional(),
  group: ZIdRef.optional(),
  scope: z.object({ project: ZIdRef.optional(), domain: ZIdRef.optional(), system: z.boolean().optional() }),
});
export type TAssignment = z.infer<typeof ZAssignmentSchema>;
export const ZListAssignmentsResponseSchema = z.array(ZAssignmentSchema);
