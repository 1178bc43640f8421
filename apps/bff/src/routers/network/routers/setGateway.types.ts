import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterRefSchema } from "./router.types.ts";

export const ZSetGatewayRequestSchema = z.object({
  id: ZId,
  externalNetworkId: ZId,
  /** Cloud admins only. */
  enableSnat: z.boolean().optional(),
});
export type TSetGatewayRequest = z.infer<typeof ZSetGatewayRequestSchema>;
export const ZSetGatewayResponseSchema = ZRouterRefSchema;
