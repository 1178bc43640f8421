import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteFlavorRequestSchema = z.object({ id: ZId });
export type TDeleteFlavorRequest = z.infer<typeof ZDeleteFlavorRequestSchema>;
export { ZOk as ZDeleteFlavorResponseSchema } from "../../list.types.ts";
