import { z } from "zod";
import { ZId, ZOk } from "../../list.types.ts";

export const ZRemoveFloatingIpRequestSchema = z.object({
  id: ZId,
  floatingIpId: ZId,
  /** Also give the address back to the pool (otherwise it stays allocated to the project). */
  release: z.boolean().optional(),
});
export type TRemoveFloatingIpRequest = z.infer<typeof ZRemoveFloatingIpRequestSchema>;
export { ZOk as ZRemoveFloatingIpResponseSchema };
