import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZUpdateUserRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(255).optional(),
  email: z.union([z.email(), z.literal("")]).optional(),
  description: z.string().max(255).optional(),
  defaultProjectId: ZId.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequestSchema>;
export { ZUserSchema as ZUpdateUserResponseSchema } from "./user.types.ts";
