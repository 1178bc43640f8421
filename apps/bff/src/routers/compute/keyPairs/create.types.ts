import { z } from "zod";
import { ZKeyPairName, ZKeyPairSchema } from "./keyPair.types.ts";

export const ZCreateKeyPairRequestSchema = z.object({ name: ZKeyPairName });
export type TCreateKeyPairRequest = z.infer<typeof ZCreateKeyPairRequestSchema>;
/** `privateKey` is shown once; null only if the cloud no longer generates keys (Nova 2.92+). */
export const ZCreateKeyPairResponseSchema = z.object({
  keyPair: ZKeyPairSchema,
  privateKey: z.string().nullable(),
});
export type TCreateKeyPairResponse = z.infer<typeof ZCreateKeyPairResponseSchema>;
