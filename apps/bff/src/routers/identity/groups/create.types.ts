import { z } from "zod";

export const ZCreateGroupRequestSchema = z.object({
  name: z.string().trim().min(1).max(64),
  description: z.string().max(255).optional(),
});
export type TCreateGroupRequest = z.infer<typeof ZCreateGroupRequestSchema>;
export { ZGroupSchema as ZCreateGroupResponseSchema } from "./group.types.ts";
