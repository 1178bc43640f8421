import { z } from "zod";

export const ZChangePasswordRequestSchema = z.object({
  originalPassword: z.string().min(1).max(4096),
  password: z.string().min(1).max(4096),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequestSchema>;
export { ZOk as ZChangePasswordResponseSchema } from "../../list.types.ts";
