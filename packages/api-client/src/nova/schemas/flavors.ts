import { z } from "zod";
import { ZLinks, ZStringMap } from "./common.ts";

export const ZFlavor = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  swap: z.union([z.number(), z.literal("")]).transform((v) => (v === "" ? 0 : v)),
  "OS-FLV-EXT-DATA:ephemeral": z.number().default(0),
  "os-flavor-access:is_public": z.boolean().default(true),
  "OS-FLV-DISABLED:disabled": z.boolean().optional(),
  rxtx_factor: z.number().optional(),
  description: z.string().nullish(),
  /** Inline from 2.61. */
  extra_specs: ZStringMap.optional(),
  links: ZLinks.optional(),
});
export type Flavor = z.infer<typeof ZFlavor>;

export const ZFlavorResponse = z.object({ flavor: ZFlavor });
export const ZFlavorsDetailResponse = z.object({
  flavors: z.array(ZFlavor),
  flavors_links: ZLinks.optional(),
});
export const ZFlavorSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
});
export const ZFlavorsResponse = z.object({
  flavors: z.array(ZFlavorSummary),
  flavors_links: ZLinks.optional(),
});

export const ZExtraSpecsResponse = z.object({ extra_specs: ZStringMap });

export const ZFlavorAccess = z.object({ flavor_id: z.string(), tenant_id: z.string() });
export type FlavorAccess = z.infer<typeof ZFlavorAccess>;
export const ZFlavorAccessResponse = z.object({ flavor_access: z.array(ZFlavorAccess) });
