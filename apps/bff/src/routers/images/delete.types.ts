import { z } from "zod";
import { ZId } from "../list.types.ts";

export const ZDeleteImageRequestSchema = z.object({ id: ZId });
export type TDeleteImageRequest = z.infer<typeof ZDeleteImageRequestSchema>;
export { ZOk as ZDeleteImageResponseSchema } from "../list.types.ts";
