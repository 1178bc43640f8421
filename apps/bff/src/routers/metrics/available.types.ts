import { z } from "zod";

export { ZNoInput as ZAvailableRequestSchema } from "../list.types.ts";
/** Whether the cloud's catalog has a metric service (Gnocchi); pages hide their charts where not. */
export const ZAvailableResponseSchema = z.object({ available: z.boolean() });
export type TAvailableResponse = z.infer<typeof ZAvailableResponseSchema>;
