import { z } from "zod";
import { NETWORK_INSTANCE_SORT_KEYS } from "../../../services/network/network-instances.ts";
import { ZId, zListInput, zPage } from "../../list.types.ts";

export const ZListNetworkInstancesRequestSchema = zListInput(NETWORK_INSTANCE_SORT_KEYS).extend({
  networkId: ZId,
});
export type TListNetworkInstancesRequest = z.infer<typeof ZListNetworkInstancesRequestSchema>;
export const ZListNetworkInstancesResponseSchema = zPage(
  z.object({
    id: z.string(),
    /** Empty when Nova no longer knows the instance (the page shows its id). */
    name: z.string(),
    status: z.string(),
    addresses: z.array(z.string()).max(100),
  }),
);
export type TListNetworkInstancesResponse = z.infer<typeof ZListNetworkInstancesResponseSchema>;
