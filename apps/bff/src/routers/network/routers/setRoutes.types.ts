import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { MAX_ROUTES, ZRouteInputSchema, ZRouterRefSchema } from "./router.types.ts";

/** Replaces every static route; Neutron checks each nexthop is on a subnet the router is attached to. */
export const ZSetRoutesRequestSchema = z.object({
  id: ZId,
  routes: z.array(ZRouteInputSchema).max(MAX_ROUTES, `At most ${MAX_ROUTES} routes.`),
});
export type TSetRoutesRequest = z.infer<typeof ZSetRoutesRequestSchema>;
export const ZSetRoutesResponseSchema = ZRouterRefSchema;
