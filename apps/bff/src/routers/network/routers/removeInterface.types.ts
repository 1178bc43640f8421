import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZRouterRefSchema } from "./router.types.ts";

/** By subnet or by interface port: one of the two. */
export const ZRemoveInterfaceRequestSchema = z
  .object({ routerId: ZId, subnetId: ZId.optional(), portId: ZId.optional() })
  .refine((v) => (v.subnetId === undefined) !== (v.portId === undefined), {
    message: "Name either the subnet or the port of the interface.",
    path: ["subnetId"],
  });
export type TRemoveInterfaceRequest = z.infer<typeof ZRemoveInterfaceRequestSchema>;
export const ZRemoveInterfaceResponseSchema = ZRouterRefSchema;
