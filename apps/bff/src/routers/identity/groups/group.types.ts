import { z } from "zod";

export const ZGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  domainId: z.string(),
});
export type TGroup = z.infer<typeof ZGroupSchema>;
