import { z } from "zod";

export const ZUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  description: z.string(),
  domainId: z.string(),
  defaultProjectId: z.string().nullable(),
  enabled: z.boolean(),
});
export type TUser = z.infer<typeof ZUserSchema>;

export const ZPassword = z.string().min(1).max(4096);
