import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZNetworkName } from "./network.types.ts";

export const ZUpdateNetworkRequestSchema = z.object({
  id: ZId,
  name: ZNetworkName.optional(),
  description: ZDescription.optional(),
  adminStateUp: z.boolean().optional(),
  /** Cloud admins only. */
  shared: z.boolean().optional(),
});
export type TUpdateNetworkRequest = z.infer<typeof ZUpdateNetworkRequestSchema>;
