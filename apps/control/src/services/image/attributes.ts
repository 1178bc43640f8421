/** Glance's accepted disk formats (glance-api.conf `disk_formats` default). */
export const DISK_FORMATS = [
  "ami",
  "ari",
  "aki",
  "vhd",
  "vhdx",
  "vmdk",
  "raw",
  "qcow2",
  "vdi",
  "iso",
  "ploop",
] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

/** Glance's accepted container formats (`container_formats` default). */
export const CONTAINER_FORMATS = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"] as const;
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number];

export const VISIBILITIES = ["public", "private", "shared", "community"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const MEMBER_STATUSES = ["pending", "accepted", "rejected"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Attributes only the server sets; writing them is 403 "Attribute 'x' is read-only." as Glance. */
export const READ_ONLY_ATTRIBUTES = new Set([
  "id",
  "status",
  "size",
  "virtual_size",
  "checksum",
  "os_hash_algo",
  "os_hash_value",
  "created_at",
  "updated_at",
  "self",
  "file",
  "schema",
  "direct_url",
  "locations",
  "stores",
]);

/** Names Glance keeps for itself; 403 "Attribute 'x' is reserved." */
export const RESERVED_ATTRIBUTES = new Set(["deleted", "deleted_at", "location"]);

/** Writable attributes with their own column (everything else is a custom string property). */
export const CORE_WRITABLE = new Set([
  "name",
  "visibility",
  "protected",
  "min_disk",
  "min_ram",
  "tags",
  "disk_format",
  "container_format",
  "owner",
  "os_hidden",
]);

/** Glance's defaults for `image_property_quota` and `image_tag_quota`, `image_member_quota`. */
export const MAX_PROPERTIES = 128;
export const MAX_TAGS = 128;
export const MAX_MEMBERS = 128;

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 ** 3;

/** Where a property name falls, for create and PATCH. */
export function classifyAttribute(name: string): "read-only" | "reserved" | "core" | "custom" {
  if (READ_ONLY_ATTRIBUTES.has(name)) return "read-only";
  if (RESERVED_ATTRIBUTES.has(name)) return "reserved";
  if (CORE_WRITABLE.has(name)) return "core";
  return "custom";
}
