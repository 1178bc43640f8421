import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZSubnetSchema } from "../subnets/subnet.types.ts";
import { ZNetworkSchema } from "./network.types.ts";

export const ZGetNetworkRequestSchema = z.object({ id: ZId });
export const ZGetNetworkResponseSchema = z.object({
  network: ZNetworkSchema,
  subnets: z.array(ZSubnetSchema).max(1000),
  /** Exact unless `more`, then a lower bound: the first view reads one page of ports. */
  portCount: z.number().int(),
  instanceCount: z.number().int(),
  more: z.boolean(),
  /** What keeps the network from being deleted now, as counts and names (up to five), or null; instance and other-port counts are lower bounds when `more`. */
  inUse: z
    .object({
      instanceCount: z.number().int(),
      instances: z.string(),
      routerCount: z.number().int(),
      routers: z.string(),
      gatewayCount: z.number().int(),
      gateways: z.string(),
      floatingIps: z.number().int(),
      otherPorts: z.number().int(),
    })
    .nullable(),
});
export type TGetNetworkResponse = z.infer<typeof ZGetNetworkResponseSchema>;
