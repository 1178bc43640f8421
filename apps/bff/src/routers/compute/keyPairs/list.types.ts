import { z } from "zod";
import { ZKeyPairSchema } from "./keyPair.types.ts";

export const ZListKeyPairsRequestSchema = z.object({}).default({});
export type TListKeyPairsRequest = z.infer<typeof ZListKeyPairsRequestSchema>;
export const ZListKeyPairsResponseSchema = z.array(ZKeyPairSchema);
export type TListKeyPairsResponse = z.infer<typeof ZListKeyPairsResponseSchema>;
