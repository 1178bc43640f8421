import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterDescription, ZRouterName, ZRouterRefSchema } from "./router.types.ts";

export const ZUpdateRouterRequestSchema = z.object({
  id: ZId,
  name: ZRouterName.min(1, "Enter a name.").optional(),
  description: ZRouterDescription.optional(),
  adminStateUp: z.boolean().optional(),
});
export type TUpdateRouterRequest = z.infer<typeof ZUpdateRouterRequestSchema>;
export const ZUpdateRouterResponseSchema = ZRouterRefSchema;
