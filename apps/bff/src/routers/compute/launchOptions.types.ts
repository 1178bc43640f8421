import { z } from "zod";
import { ZFlavorSchema } from "./flavors/flavor.types.ts";
import { ZNetworkOptionsSchema } from "./networkOptions.types.ts";
import { ZComputeQuotaSchema } from "./quota.types.ts";

export { ZNoInput as ZLaunchOptionsRequestSchema } from "../list.types.ts";
export const ZLaunchOptionsResponseSchema = z.object({
  images: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      minDisk: z.number(),
      minRam: z.number(),
      size: z.number().nullable(),
      status: z.string(),
    }),
  ),
  /** `disabledReason` when one more instance of the flavor exceeds the quota. */
  flavors: z.array(ZFlavorSchema.extend({ disabledReason: z.string().optional() })),
  keyPairs: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
  availabilityZones: z.array(z.string()),
  quota: ZComputeQuotaSchema,
  /** The Networks step: networks with their subnets, free ports, security groups, port quota; null without a network service. */
  network: ZNetworkOptionsSchema.nullable(),
});
export type TLaunchOptionsResponse = z.infer<typeof ZLaunchOptionsResponseSchema>;
