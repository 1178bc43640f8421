import { z } from "zod";
import { ZId } from "../list.types.ts";
import { ZVisibility } from "./image.types.ts";

export const ZUpdateImageRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(255).optional(),
  minDisk: z.number().int().min(0).optional(),
  minRam: z.number().int().min(0).optional(),
  visibility: ZVisibility.optional(),
  protected: z.boolean().optional(),
  /** Custom properties to set; null removes one. */
  properties: z.record(z.string().min(1).max(255), z.string().max(65_535).nullable()).optional(),
});
export type TUpdateImageRequest = z.infer<typeof ZUpdateImageRequestSchema>;
export { ZImageDetailSchema as ZUpdateImageResponseSchema } from "./image.types.ts";
