import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZSubnetSchema } from "../subnets/subnet.types.ts";
import { ZNetworkSchema } from "./network.types.ts";

export const ZGetNetworkRequestSchema = z.object({ id: ZId });
export const ZGetNetworkResponseSchema = z.object({
  network: ZNetworkSchema,
  subnets: z.array(ZSubnetSchema).max(1000),
  portCount: z.number().int(),
  instances: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        addresses: z.array(z.string()).max(100),
      }),
    )
    .max(10_000),
  /** Why the network cannot be deleted now ("instance web-1 and …"), or null. */
  inUse: z.string().nullable(),
});
export type TGetNetworkResponse = z.infer<typeof ZGetNetworkResponseSchema>;
