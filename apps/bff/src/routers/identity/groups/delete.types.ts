import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteGroupRequestSchema = z.object({ id: ZId });
export type TDeleteGroupRequest = z.infer<typeof ZDeleteGroupRequestSchema>;
export { ZOk as ZDeleteGroupResponseSchema } from "../../list.types.ts";
