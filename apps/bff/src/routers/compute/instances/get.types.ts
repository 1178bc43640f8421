import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGetInstanceRequestSchema = z.object({ id: ZId });
export type TGetInstanceRequest = z.infer<typeof ZGetInstanceRequestSchema>;
export { ZInstanceDetailSchema as ZGetInstanceResponseSchema } from "./instance.types.ts";
