import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZFlavorAccessRequestSchema = z.object({ id: ZId });
export type TFlavorAccessRequest = z.infer<typeof ZFlavorAccessRequestSchema>;
export const ZFlavorAccessResponseSchema = z.object({ projectIds: z.array(z.string()) });
export type TFlavorAccessResponse = z.infer<typeof ZFlavorAccessResponseSchema>;
