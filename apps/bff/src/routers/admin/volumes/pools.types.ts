import { z } from "zod";

export { ZNoInput as ZListPoolsRequest } from "../../list.types.ts";
export const ZPoolRow = z.object({
  name: z.string(),
  host: z.string(),
  backend: z.string().nullable(),
  protocol: z.string().nullable(),
  totalGb: z.number().nullable(),
  freeGb: z.number().nullable(),
  allocatedGb: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export const ZListPoolsResponse = z.array(ZPoolRow);
