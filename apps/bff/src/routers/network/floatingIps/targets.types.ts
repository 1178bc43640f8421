import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZTargetsRequest = z.object({
  /** Cloud admins only: the project of the floating IP being associated. */
  projectId: ZId.optional(),
});
export const ZTargetsResponse = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    ports: z.array(
      z.object({
        id: z.string(),
        networkName: z.string(),
        macAddress: z.string(),
        fixedIps: z.array(z.object({ address: z.string(), floatingIp: z.string().nullable() })),
      }),
    ),
  }),
);
export type TTargetsResponse = z.infer<typeof ZTargetsResponse>;
