import { z } from "zod";
import { ZSubnetFields, ZSubnetSchema } from "../subnets/subnet.types.ts";
import { ZDescription, ZNetworkName, ZNetworkSchema } from "./network.types.ts";

export const NETWORK_TYPES = ["flat", "vxlan", "local"] as const;

/** Provider attributes (cloud admins only): flat needs a physical network, vxlan takes a VNI. */
export const ZProviderSchema = z
  .object({
    networkType: z.enum(NETWORK_TYPES),
    physicalNetwork: z.string().trim().max(64, "At most 64 characters.").optional(),
    segmentationId: z.number().int().min(1, "At least 1.").max(16_777_215, "At most 16777215.").optional(),
  })
  .superRefine((v, issue) => {
    if (v.networkType === "flat" && !v.physicalNetwork) {
      issue.addIssue({
        code: "custom",
        path: ["physicalNetwork"],
        message: "A flat network needs a physical network.",
      });
    }
    if (v.networkType !== "vxlan" && v.segmentationId !== undefined) {
      issue.addIssue({
        code: "custom",
        path: ["segmentationId"],
        message: "Only VXLAN networks take a segmentation id.",
      });
    }
    if (v.networkType !== "flat" && v.physicalNetwork) {
      issue.addIssue({
        code: "custom",
        path: ["physicalNetwork"],
        message: "Only flat networks take a physical network.",
      });
    }
  });

export const ZCreateNetworkRequestSchema = z.object({
  name: ZNetworkName,
  description: ZDescription.optional(),
  adminStateUp: z.boolean().default(true),
  /** Cloud admins only. */
  shared: z.boolean().optional(),
  /** Cloud admins only: `router:external`. */
  external: z.boolean().optional(),
  /** Cloud admins only. */
  provider: ZProviderSchema.optional(),
  /** Cloud admins only: the owning project. */
  projectId: z.string().min(1).max(64).optional(),
  /** The first subnet, created with the network (the network is removed again if it fails). */
  subnet: ZSubnetFields.optional(),
});
export type TCreateNetworkRequest = z.infer<typeof ZCreateNetworkRequestSchema>;

export const ZCreateNetworkResponseSchema = z.object({
  network: ZNetworkSchema,
  subnet: ZSubnetSchema.nullable(),
});
