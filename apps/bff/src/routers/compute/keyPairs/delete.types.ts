import { z } from "zod";

export const ZDeleteKeyPairRequestSchema = z.object({ name: z.string().min(1).max(255) });
export type TDeleteKeyPairRequest = z.infer<typeof ZDeleteKeyPairRequestSchema>;
export { ZOk as ZDeleteKeyPairResponseSchema } from "../../list.types.ts";
