import { z } from "zod";
import { ZKeyPairName } from "./keyPair.types.ts";

export const ZImportKeyPairRequestSchema = z.object({
  name: ZKeyPairName,
  publicKey: z.string().trim().min(1).max(16_384),
});
export type TImportKeyPairRequest = z.infer<typeof ZImportKeyPairRequestSchema>;
export { ZKeyPairSchema as ZImportKeyPairResponseSchema } from "./keyPair.types.ts";
