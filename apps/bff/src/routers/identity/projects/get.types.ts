import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGetProjectRequestSchema = z.object({ id: ZId });
export type TGetProjectRequest = z.infer<typeof ZGetProjectRequestSchema>;
export { ZProjectSchema as ZGetProjectResponseSchema } from "./project.types.ts";
