import { z } from "zod";
import { ZId, ZIdRef } from "../../list.types.ts";
import { ZUserSchema } from "./user.types.ts";

export const ZGetUserRequestSchema = z.object({ id: ZId });
export type TGetUserRequest = z.infer<typeof ZGetUserRequestSchema>;
export const ZGetUserResponseSchema = ZUserSchema.extend({
  projects: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
  groups: z.array(ZIdRef),
});
export type TGetUserResponse = z.infer<typeof ZGetUserResponseSchema>;
