import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterRefSchema } from "./router.types.ts";

export const ZClearGatewayRequestSchema = z.object({ id: ZId });
export type TClearGatewayRequest = z.infer<typeof ZClearGatewayRequestSchema>;
export const ZClearGatewayResponseSchema = ZRouterRefSchema;
