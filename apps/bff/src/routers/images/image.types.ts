import { z } from "zod";

export const ZImageSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  visibility: z.string(),
  diskFormat: z.string().nullable(),
  containerFormat: z.string().nullable(),
  /** Bytes; null until data is uploaded. */
  size: z.number().nullable(),
  minDisk: z.number(),
  minRam: z.number(),
  owner: z.string().nullable(),
  protected: z.boolean(),
  created: z.string(),
});
export type TImage = z.infer<typeof ZImageSchema>;

export const ZImageDetailSchema = ZImageSchema.extend({
  updated: z.string().nullable(),
  checksum: z.string().nullable(),
  virtualSize: z.number().nullable(),
  tags: z.array(z.string()),
  /** Custom properties (`os_distro`, `hw_disk_bus`, …). */
  properties: z.record(z.string(), z.string()),
});
export type TImageDetail = z.infer<typeof ZImageDetailSchema>;

export const ZVisibility = z.enum(["public", "private", "shared", "community"]);
export const ZDiskFormat = z.enum([
  "raw",
  "qcow2",
  "vmdk",
  "vdi",
  "vhd",
  "vhdx",
  "iso",
  "ami",
  "ari",
  "aki",
  "ploop",
]);
export const ZContainerFormat = z.enum(["bare", "ovf", "ova", "docker", "ami", "ari", "aki", "compressed"]);
