import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZLaunchRequestSchema = z.object({
  name: z.string().trim().min(1).max(255),
  count: z.number().int().min(1).max(100).default(1),
  imageId: ZId,
  flavorId: ZId,
  keyName: z.string().min(1).max(255).optional(),
  /** Plain text; the BFF base64-encodes it. Nova's limit is 64 KiB encoded. */
  userData: z
    .string()
    .max(48 * 1024)
    .optional(),
  metadata: z.record(z.string().min(1).max(255), z.string().max(255)).optional(),
  availabilityZone: z.string().min(1).max(255).optional(),
});
export type TLaunchRequest = z.infer<typeof ZLaunchRequestSchema>;
export const ZLaunchResponseSchema = z.object({ ids: z.array(z.string()) });
export type TLaunchResponse = z.infer<typeof ZLaunchResponseSchema>;
