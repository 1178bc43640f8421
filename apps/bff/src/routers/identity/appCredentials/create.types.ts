import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZAppCredentialSchema } from "./appCredential.types.ts";

export const ZCreateAppCredentialRequestSchema = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(255).optional(),
  secret: z.string().min(1).max(4096).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  roleIds: z.array(ZId).optional(),
  unrestricted: z.boolean().optional(),
});
export type TCreateAppCredentialRequest = z.infer<typeof ZCreateAppCredentialRequestSchema>;
/** The secret is returned this once; Keystone keeps only its hash. */
export const ZCreateAppCredentialResponseSchema = ZAppCredentialSchema.extend({ secret: z.string() });
export type TCreateAppCredentialResponse = z.infer<typeof ZCreateAppCredentialResponseSchema>;
