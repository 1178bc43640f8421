import { z } from "zod";

export const ZComputeServiceSchema = z.object({
  id: z.string(),
  host: z.string(),
  binary: z.string(),
  zone: z.string().nullable(),
  status: z.string(),
  state: z.string(),
  disabledReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TComputeService = z.infer<typeof ZComputeServiceSchema>;
