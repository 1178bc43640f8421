import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZRebuildRequestSchema = z.object({
  id: ZId,
  imageId: ZId,
  name: z.string().trim().min(1).max(255).optional(),
});
export type TRebuildRequest = z.infer<typeof ZRebuildRequestSchema>;
export { ZOk as ZRebuildResponseSchema } from "../../list.types.ts";
