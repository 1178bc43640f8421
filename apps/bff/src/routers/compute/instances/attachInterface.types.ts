import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZAttachInterfaceRequestSchema = z
  .object({
    id: ZId,
    networkId: ZId.optional(),
    portId: ZId.optional(),
    fixedIp: z.union([z.ipv4(), z.ipv6()], { error: "Enter an IPv4 or IPv6 address." }).optional(),
  })
  .refine((v) => (v.networkId === undefined) !== (v.portId === undefined), {
    message: "Choose a network or a port (one of them).",
    path: ["networkId"],
  })
  .refine((v) => v.fixedIp === undefined || v.networkId !== undefined, {
    message: "A fixed IP can only be asked for with a network.",
    path: ["fixedIp"],
  });
export type TAttachInterfaceRequest = z.infer<typeof ZAttachInterfaceRequestSchema>;
export const ZAttachInterfaceResponseSchema = z.object({ portId: z.string() });
export type TAttachInterfaceResponse = z.infer<typeof ZAttachInterfaceResponseSchema>;
