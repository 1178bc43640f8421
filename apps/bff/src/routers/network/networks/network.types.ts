import { z } from "zod";

export const ZSubnetBrief = z.object({
  id: z.string(),
  name: z.string(),
  cidr: z.string(),
  ipVersion: z.number().int(),
});

export const ZNetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.string(),
  adminStateUp: z.boolean(),
  shared: z.boolean(),
  external: z.boolean(),
  projectId: z.string().nullable(),
  /** Admin views across projects. */
  projectName: z.string().optional(),
  own: z.boolean(),
  subnets: z.array(ZSubnetBrief).max(1000),
  networkType: z.string().nullable(),
  physicalNetwork: z.string().nullable(),
  segmentationId: z.number().int().nullable(),
  mtu: z.number().int().nullable(),
  created: z.string().nullable(),
});
export type TNetwork = z.infer<typeof ZNetworkSchema>;

export const ZPortSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  adminStateUp: z.boolean(),
  macAddress: z.string(),
  fixedIps: z.array(z.object({ ip: z.string(), subnetId: z.string() })).max(100),
  deviceOwner: z.string(),
  owner: z.object({
    kind: z.enum(["instance", "router-interface", "router-gateway", "dhcp", "floating-ip", "other", "none"]),
    id: z.string(),
    name: z.string().nullable(),
  }),
  projectId: z.string().nullable(),
});
export type TPort = z.infer<typeof ZPortSchema>;

/** A network's name: Neutron allows an empty one, the portal asks for one. */
export const ZNetworkName = z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters.");
export const ZDescription = z.string().trim().max(255, "At most 255 characters.");
