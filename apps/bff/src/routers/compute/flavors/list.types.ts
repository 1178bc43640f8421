import { z } from "zod";
import { ZFlavorSchema } from "./flavor.types.ts";

export const ZListFlavorsRequestSchema = z.object({}).default({});
export type TListFlavorsRequest = z.infer<typeof ZListFlavorsRequestSchema>;
export const ZListFlavorsResponseSchema = z.array(ZFlavorSchema);
export type TListFlavorsResponse = z.infer<typeof ZListFlavorsResponseSchema>;
