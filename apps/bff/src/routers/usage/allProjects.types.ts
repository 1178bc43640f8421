import { z } from "zod";
import { ZUsageReadingSchema } from "./range.types.ts";

export { ZUsageRangeSchema as ZAllProjectsUsageRequestSchema } from "./range.types.ts";
export const ZAllProjectsUsageResponseSchema = ZUsageReadingSchema.extend({
  /** Most vCPU hours first; `projectName` null where Keystone does not name it (deleted project). */
  projects: z.array(
    z.object({
      projectId: z.string(),
      projectName: z.string().nullable(),
      instances: z.number().int(),
      instanceHours: z.number(),
      vcpuHours: z.number(),
      ramGbHours: z.number(),
      diskGbHours: z.number(),
    }),
  ),
});
