import { z } from "zod";

/**
 * Glance v2 image shapes. Images keep unknown keys (`.loose()`): in Glance
 * any extra key is a custom property (`os_distro`, `hw_disk_bus`…) the
 * portal shows and edits.
 */
export const ZImage = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    status: z.string(),
    visibility: z.string(),
    disk_format: z.string().nullish(),
    container_format: z.string().nullish(),
    size: z.number().nullish(),
    virtual_size: z.number().nullish(),
    min_disk: z.number().default(0),
    min_ram: z.number().default(0),
    owner: z.string().nullish(),
    protected: z.boolean().default(false),
    os_hidden: z.boolean().optional(),
    checksum: z.string().nullish(),
    os_hash_algo: z.string().nullish(),
    os_hash_value: z.string().nullish(),
    tags: z.array(z.string()).default([]),
    created_at: z.string(),
    updated_at: z.string().nullish(),
    self: z.string().optional(),
    file: z.string().optional(),
    schema: z.string().optional(),
  })
  .loose();
export type Image = z.infer<typeof ZImage>;

export const ZImagesResponse = z.object({
  images: z.array(ZImage),
  /** Path of the next page relative to the Glance root, e.g. `/v2/images?marker=…`. */
  next: z.string().optional(),
  first: z.string().optional(),
});

/** Keys Glance defines itself; the rest of an image's keys are custom properties. */
export const CORE_IMAGE_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(ZImage.shape),
  "locations",
  "direct_url",
  "stores",
]);

/** The custom properties of an image (string values only, as Glance stores them). */
export function customProperties(image: Image): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(image)) {
    if (!CORE_IMAGE_KEYS.has(key) && typeof value === "string") props[key] = value;
  }
  return props;
}

/** RFC 6902 operations as Glance accepts them (`application/openstack-images-v2.1-json-patch`). */
export type ImagePatchOp =
  | { op: "add" | "replace"; path: string; value: unknown }
  | { op: "remove"; path: string };
