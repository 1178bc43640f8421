import { z } from "zod";

/** `GET <compute endpoint>`: the v2.1 document; `version` is the maximum microversion ("" on v2.0). */
export const ZComputeVersionResponse = z.object({
  version: z.object({
    id: z.string(),
    status: z.string().optional(),
    version: z.string().default(""),
    min_version: z.string().default(""),
  }),
});
