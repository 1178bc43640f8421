import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteProjectRequestSchema = z.object({ id: ZId });
export type TDeleteProjectRequest = z.infer<typeof ZDeleteProjectRequestSchema>;
export { ZOk as ZDeleteProjectResponseSchema } from "../../list.types.ts";
