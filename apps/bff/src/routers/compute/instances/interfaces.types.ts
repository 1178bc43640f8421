import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZInterfacesRequestSchema = z.object({ id: ZId });
export type TInterfacesRequest = z.infer<typeof ZInterfacesRequestSchema>;

export const ZInstanceInterfaceSchema = z.object({
  portId: z.string(),
  name: z.string(),
  networkId: z.string(),
  networkName: z.string(),
  macAddress: z.string(),
  /** Neutron's port status: ACTIVE, DOWN, BUILD, ERROR. */
  status: z.string(),
  fixedIps: z.array(z.object({ address: z.string(), subnetId: z.string() })),
  securityGroups: z.array(z.object({ id: z.string(), name: z.string() })),
  floatingIps: z.array(z.object({ id: z.string(), address: z.string(), fixedIp: z.string().nullable() })),
});
export type TInstanceInterface = z.infer<typeof ZInstanceInterfaceSchema>;

export const ZInterfacesResponseSchema = z.object({
  projectId: z.string(),
  /** Oldest first: the first is the guest's first NIC. */
  interfaces: z.array(ZInstanceInterfaceSchema),
  /** The groups on the instance's ports. */
  securityGroups: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TInterfacesResponse = z.infer<typeof ZInterfacesResponseSchema>;
