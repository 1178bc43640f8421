import { z } from "zod";

export { ZNoInput as ZListVolumeServicesRequest } from "../../list.types.ts";
export const ZVolumeServiceRow = z.object({
  binary: z.string(),
  host: z.string(),
  zone: z.string().nullable(),
  enabled: z.boolean(),
  up: z.boolean(),
  updatedAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
});
export const ZListVolumeServicesResponse = z.array(ZVolumeServiceRow);
