import { z } from "zod";
import { ZIdRef } from "../../list.types.ts";

export const ZAppCredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  projectId: z.string(),
  roles: z.array(ZIdRef),
  expiresAt: z.string().nullable(),
  unrestricted: z.boolean(),
});
export type TAppCredential = z.infer<typeof ZAppCredentialSchema>;
