import { z } from "zod";

export const ZKeyPairSchema = z.object({
  name: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  type: z.string(),
});
export type TKeyPair = z.infer<typeof ZKeyPairSchema>;
/** Nova's key pair names: letters, digits, spaces, `_`, `-`, `.`, `@`. */
export const ZKeyPairName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9 _.@-]+$/, "Use letters, digits, spaces and _ - . @ only");
