import { z } from "zod";
import { ZIdRef } from "../../list.types.ts";

export const ZFloatingIpRow = z.object({
  id: z.string(),
  address: z.string(),
  description: z.string(),
  status: z.string(),
  /** The external network it comes from. */
  pool: ZIdRef,
  projectId: z.string(),
  projectName: z.string().nullable(),
  fixedIp: z.string().nullable(),
  portId: z.string().nullable(),
  instance: ZIdRef.nullable(),
  createdAt: z.string().nullable(),
});
export type TFloatingIpRow = z.infer<typeof ZFloatingIpRow>;
