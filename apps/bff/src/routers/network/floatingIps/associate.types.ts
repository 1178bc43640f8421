import { Address4 } from "ip-address";
import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZFloatingIpRow } from "./floatingIp.types.ts";

export const ZAssociateRequest = z.object({
  id: ZId,
  portId: z.string({ error: "Choose a port." }).min(1, "Choose a port.").max(255),
  /** Needed when the port has several IPv4 addresses. */
  fixedIp: z
    .string()
    .max(64)
    .refine((s) => Address4.isValid(s), "Enter an IPv4 address.")
    .optional(),
});
export type TAssociateRequest = z.infer<typeof ZAssociateRequest>;
export const ZAssociateResponse = ZFloatingIpRow;
