import { z } from "zod";

/** A project as the portal sees it. */
export const ZProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  domainId: z.string(),
  enabled: z.boolean(),
  tags: z.array(z.string()),
});
export type TProject = z.infer<typeof ZProjectSchema>;

export const ZGranteeRoles = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
});
