import { z } from "zod";

export const ZCreateRoleRequestSchema = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(255).optional(),
});
export type TCreateRoleRequest = z.infer<typeof ZCreateRoleRequestSchema>;
export { ZRoleSchema as ZCreateRoleResponseSchema } from "./role.types.ts";
