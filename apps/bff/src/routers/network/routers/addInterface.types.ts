import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZIpAddress, ZRouterRefSchema } from "./router.types.ts";

export const ZAddInterfaceRequestSchema = z.object({
  routerId: ZId,
  subnetId: ZId,
  /** An address in the subnet for the interface; without it the interface takes the subnet's gateway. */
  ipAddress: ZIpAddress.optional(),
});
export type TAddInterfaceRequest = z.infer<typeof ZAddInterfaceRequestSchema>;
export const ZAddInterfaceResponseSchema = ZRouterRefSchema.extend({ portId: z.string() });
