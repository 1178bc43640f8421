import { z } from "zod";
import { ZLinks } from "./common.ts";

export const ZKeyPair = z.object({
  name: z.string(),
  fingerprint: z.string(),
  public_key: z.string(),
  /** From 2.2. */
  type: z.string().optional(),
  user_id: z.string().optional(),
  created_at: z.string().optional(),
  id: z.number().optional(),
});
export type KeyPair = z.infer<typeof ZKeyPair>;

/** The list wraps each key pair in `{keypair: …}`. */
export const ZKeyPairsResponse = z.object({
  keypairs: z.array(z.object({ keypair: ZKeyPair })),
  keypairs_links: ZLinks.optional(),
});
export const ZKeyPairResponse = z.object({ keypair: ZKeyPair });
/** Creation without a public key returns the generated private key, once (until 2.92). */
export const ZCreatedKeyPairResponse = z.object({
  keypair: ZKeyPair.extend({ private_key: z.string().optional() }),
});
export type CreatedKeyPair = z.infer<typeof ZCreatedKeyPairResponse>["keypair"];
