import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** Exactly one of userId / groupId names who receives (or loses) the role. */
export const ZProjectGrantRequestSchema = z
  .object({ projectId: ZId, userId: ZId.optional(), groupId: ZId.optional(), roleId: ZId })
  .refine((v) => (v.userId === undefined) !== (v.groupId === undefined), {
    message: "Give either userId or groupId",
    path: ["userId"],
  });
export type TProjectGrantRequest = z.infer<typeof ZProjectGrantRequestSchema>;
export { ZOk as ZProjectGrantResponseSchema } from "../../list.types.ts";
