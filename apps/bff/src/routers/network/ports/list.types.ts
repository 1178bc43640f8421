import type { z } from "zod";
import { PORT_SORT_KEYS } from "../../../services/network/network-ports.ts";
import { ZId, zListInput, zPage } from "../../list.types.ts";
import { ZPortSchema } from "../networks/network.types.ts";

export const ZListPortsRequestSchema = zListInput(PORT_SORT_KEYS).extend({ networkId: ZId });
export type TListPortsRequest = z.infer<typeof ZListPortsRequestSchema>;
export const ZListPortsResponseSchema = zPage(ZPortSchema);
