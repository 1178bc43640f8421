import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGetRouterRequestSchema = z.object({ id: ZId });
export type TGetRouterRequest = z.infer<typeof ZGetRouterRequestSchema>;
export { ZRouterDetailSchema as ZGetRouterResponseSchema } from "./router.types.ts";
