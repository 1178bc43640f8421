import type { Image, ImageMember } from "@zenith/db/generated";
import { propertiesOf } from "../../services/image/values.ts";

/** Glance's timestamp form: seconds and a Z, e.g. 2026-11-27T05:00:00Z. */
export function glanceTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * An image as Glance v2 renders it: links relative to the API root,
 * custom properties flattened into the top level (core keys win).
 */
export function renderImage(image: Image) {
  return {
    ...propertiesOf(image),
    id: image.id,
    name: image.name,
    status: image.status,
    visibility: image.visibility,
    protected: image.protected,
    os_hidden: false,
    owner: image.ownerId,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    size: image.size === null ? null : Number(image.size),
    virtual_size: image.virtualSize === null ? null : Number(image.virtualSize),
    checksum: image.checksum,
    os_hash_algo: image.osHashAlgo,
    os_hash_value: image.osHashValue,
    min_disk: image.minDisk,
    min_ram: image.minRam,
    tags: image.tags,
    created_at: glanceTime(image.createdAt),
    updated_at: glanceTime(image.updatedAt),
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: "/v2/schemas/image",
  };
}

export function renderMember(member: ImageMember) {
  return {
    image_id: member.imageId,
    member_id: member.memberId,
    status: member.status,
    created_at: glanceTime(member.createdAt),
    updated_at: glanceTime(member.updatedAt),
    schema: "/v2/schemas/member",
  };
}
