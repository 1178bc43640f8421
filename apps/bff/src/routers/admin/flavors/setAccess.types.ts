import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** The complete list of projects that may use the private flavor. */
export const ZSetFlavorAccessRequestSchema = z.object({ id: ZId, projectIds: z.array(ZId).max(1000) });
export type TSetFlavorAccessRequest = z.infer<typeof ZSetFlavorAccessRequestSchema>;
export { ZFlavorAccessResponseSchema as ZSetFlavorAccessResponseSchema } from "./access.types.ts";
