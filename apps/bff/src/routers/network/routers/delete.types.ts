import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterRefSchema } from "./router.types.ts";

export const ZDeleteRouterRequestSchema = z.object({ id: ZId });
export type TDeleteRouterRequest = z.infer<typeof ZDeleteRouterRequestSchema>;
export const ZDeleteRouterResponseSchema = ZRouterRefSchema;
