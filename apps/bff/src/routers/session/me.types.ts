import { z } from "zod";

export const ZMeResponseSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), domainId: z.string(), domainName: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  isAdmin: z.boolean(),
  expiresAt: z.string(),
});
export type TMeResponse = z.infer<typeof ZMeResponseSchema>;
