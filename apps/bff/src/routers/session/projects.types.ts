import { z } from "zod";

export const ZSessionProjectsResponseSchema = z.array(
  z.object({ id: z.string(), name: z.string(), domainId: z.string(), enabled: z.boolean() }),
);
export type TSessionProjectsResponse = z.infer<typeof ZSessionProjectsResponseSchema>;
