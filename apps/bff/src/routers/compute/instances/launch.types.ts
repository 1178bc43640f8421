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
  /**
   * Where to plug the instance, in order (first = eth0): networks or free
   * ports; `"auto"` lets the cloud choose (the project's only network),
   * `"none"` launches without networking. Omitted means `"auto"`.
   */
  networks: z
    .union([
      z.enum(["auto", "none"]),
      z
        .array(z.union([z.object({ networkId: ZId }).strict(), z.object({ portId: ZId }).strict()]))
        .min(1, "Choose at least one network or port.")
        .max(16, "At most 16 interfaces."),
    ])
    .optional(),
  /** Security group ids for the ports Nova creates; omitted means the project's `default`. */
  securityGroupIds: z.array(ZId).max(20, "At most 20 security groups.").optional(),
  /** Boot from a new volume made from the image, of this size (GiB); deleted with the instance when asked. */
  bootVolume: z
    .object({ sizeGb: z.number().int().min(1).max(16_384), deleteOnTermination: z.boolean().default(true) })
    .optional(),
});
export type TLaunchRequest = z.infer<typeof ZLaunchRequestSchema>;
export const ZLaunchResponseSchema = z.object({ ids: z.array(z.string()) });
export type TLaunchResponse = z.infer<typeof ZLaunchResponseSchema>;
