import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterDescription, ZRouterName, ZRouterRefSchema } from "./router.types.ts";

export const ZCreateRouterRequestSchema = z.object({
  name: ZRouterName.min(1, "Enter a name."),
  description: ZRouterDescription.optional(),
  adminStateUp: z.boolean().default(true),
  /** The external network of the gateway; none leaves the router without one. */
  externalNetworkId: ZId.optional(),
  /** Cloud admins only; Neutron turns SNAT on by default. */
  enableSnat: z.boolean().optional(),
});
export type TCreateRouterRequest = z.infer<typeof ZCreateRouterRequestSchema>;
export const ZCreateRouterResponseSchema = ZRouterRefSchema;
