import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZAllocateRequest = z.object({
  poolId: z.string({ error: "Choose a pool." }).min(1, "Choose a pool.").max(255),
  description: z.string().trim().max(255, "Use at most 255 characters.").optional(),
});
export type TAllocateRequest = z.infer<typeof ZAllocateRequest>;
export const ZAllocateResponse = z.object({ id: ZId, address: z.string() });
