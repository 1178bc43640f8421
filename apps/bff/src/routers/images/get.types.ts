import { z } from "zod";
import { ZId } from "../list.types.ts";

export const ZGetImageRequestSchema = z.object({ id: ZId });
export type TGetImageRequest = z.infer<typeof ZGetImageRequestSchema>;
export { ZImageDetailSchema as ZGetImageResponseSchema } from "./image.types.ts";
