import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZPassword } from "./user.types.ts";

export const ZCreateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    password: ZPassword,
    email: z.email().optional(),
    description: z.string().max(255).optional(),
    domainId: ZId.optional(),
    defaultProjectId: ZId.optional(),
    projectId: ZId.optional(),
    roleId: ZId.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => v.roleId === undefined || v.projectId !== undefined || v.defaultProjectId !== undefined, {
    message: "Choose the project the role is granted on",
    path: ["projectId"],
  });
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequestSchema>;
export { ZUserSchema as ZCreateUserResponseSchema } from "./user.types.ts";
