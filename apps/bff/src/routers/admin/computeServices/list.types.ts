import { z } from "zod";
import { ZComputeServiceSchema } from "./service.types.ts";

export { ZNoInput as ZListComputeServicesRequestSchema } from "../../list.types.ts";
export const ZListComputeServicesResponseSchema = z.array(ZComputeServiceSchema);
export type TListComputeServicesResponse = z.infer<typeof ZListComputeServicesResponseSchema>;
