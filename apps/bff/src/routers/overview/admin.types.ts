import { z } from "zod";

export { ZNoInput as ZAdminOverviewRequestSchema } from "../list.types.ts";

const ZAllocation = z.object({ used: z.number(), total: z.number() }).nullable();
const ZHealth = z.object({ up: z.number().int(), down: z.number().int(), disabled: z.number().int() });

export const ZAdminOverviewResponseSchema = z.object({
  hypervisors: z.array(
    z.object({
      id: z.string(),
      hostname: z.string(),
      state: z.string(),
      status: z.string(),
      runningVms: z.number().nullable(),
      vcpus: ZAllocation,
      memoryMb: ZAllocation,
      diskGb: ZAllocation,
      measured: z
        .object({
          cpuPercent: z.number().nullable(),
          memoryUsedBytes: z.number().nullable(),
          memoryTotalBytes: z.number().nullable(),
          diskUsedBytes: z.number().nullable(),
          diskTotalBytes: z.number().nullable(),
        })
        .nullable(),
    }),
  ),
  metricsAvailable: z.boolean(),
  instancesByState: z.array(z.object({ state: z.string(), count: z.number().int() })),
  /** Null where the cloud has no such service. */
  health: z.object({ compute: ZHealth, network: ZHealth.nullable(), volume: ZHealth.nullable() }),
});
export type TAdminOverviewResponse = z.infer<typeof ZAdminOverviewResponseSchema>;
