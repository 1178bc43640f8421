import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZResizeRequestSchema = z.object({ id: ZId, flavorId: ZId });
export type TResizeRequest = z.infer<typeof ZResizeRequestSchema>;
export { ZOk as ZResizeResponseSchema } from "../../list.types.ts";
