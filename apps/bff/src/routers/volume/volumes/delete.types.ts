import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteVolumeRequest = z.object({
  id: ZId,
  /** The volume's name (its id when unnamed), as typed in the confirmation. */
  confirmName: z.string().max(255),
  /** Delete its snapshots too. */
  cascade: z.boolean().optional(),
});
export { ZOk as ZDeleteVolumeResponse } from "../../list.types.ts";
