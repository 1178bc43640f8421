import { z } from "zod";

export { ZNoInput as ZListHypervisorsRequestSchema } from "../../list.types.ts";
/** Capacity numbers are null on clouds whose API no longer reports them (Nova 2.88+). */
export const ZListHypervisorsResponseSchema = z.array(
  z.object({
    id: z.string(),
    hostname: z.string(),
    type: z.string().nullable(),
    state: z.string(),
    status: z.string(),
    vcpus: z.number().nullable(),
    vcpusUsed: z.number().nullable(),
    memoryMb: z.number().nullable(),
    memoryMbUsed: z.number().nullable(),
    localGb: z.number().nullable(),
    localGbUsed: z.number().nullable(),
    runningVms: z.number().nullable(),
  }),
);
export type TListHypervisorsResponse = z.infer<typeof ZListHypervisorsResponseSchema>;
