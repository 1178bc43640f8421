import type { Image, ImagePatchOp } from "@zenith/api-client/glance";
import { customProperties } from "@zenith/api-client/glance";
import type { Cloud } from "../cloud/clients.ts";
import { type ListQuery, pageOf } from "../paging.ts";

export function toImage(i: Image) {
  return {
    id: i.id,
    name: i.name ?? "",
    status: i.status,
    visibility: i.visibility,
    diskFormat: i.disk_format ?? null,
    containerFormat: i.container_format ?? null,
    size: i.size ?? null,
    minDisk: i.min_disk,
    minRam: i.min_ram,
    owner: i.owner ?? null,
    protected: i.protected,
    created: i.created_at,
  };
}

export function toImageDetail(i: Image) {
  return {
    ...toImage(i),
    updated: i.updated_at ?? null,
    checksum: i.checksum ?? null,
    virtualSize: i.virtual_size ?? null,
    tags: i.tags,
    properties: customProperties(i),
  };
}

export type ImageSortKey = "name" | "status" | "size" | "created" | "visibility";

/**
 * Glance has no count and its `name` filter is exact, so the images the
 * user can see are read (visibility and status filtered by Glance, pages
 * followed) and the BFF applies the substring filter, sort and page, with a
 * total. Image catalogs are small next to server lists.
 */
export async function listImages(
  cloud: Cloud,
  query: ListQuery<ImageSortKey> & {
    visibility?: "public" | "private" | "shared" | "community" | undefined;
    status?: string | undefined;
  },
) {
  const glance = await cloud.glance();
  const images = await glance.listAll({ visibility: query.visibility, status: query.status, limit: 1000 });
  return pageOf(images.map(toImage), query, "name");
}

export async function getImage(cloud: Cloud, id: string) {
  return toImageDetail(await (await cloud.glance()).get(id));
}

export async function createImage(
  cloud: Cloud,
  input: {
    name: string;
    diskFormat: string;
    containerFormat: string;
    visibility?: string | undefined;
    minDisk?: number | undefined;
    minRam?: number | undefined;
  },
) {
  const image = await (await cloud.glance()).create({
    name: input.name,
    disk_format: input.diskFormat,
    container_format: input.containerFormat,
    visibility: input.visibility,
    min_disk: input.minDisk,
    min_ram: input.minRam,
  });
  // The portal's same-origin upload route, which streams to Glance with the session token.
  return { id: image.id, uploadUrl: `/api/images/${encodeURIComponent(image.id)}/file` };
}

export interface ImageUpdate {
  id: string;
  name?: string | undefined;
  minDisk?: number | undefined;
  minRam?: number | undefined;
  visibility?: string | undefined;
  protected?: boolean | undefined;
  /** Custom properties to set; `null` removes one. */
  properties?: Record<string, string | null> | undefined;
}

/** Field changes as one JSON patch; properties not yet on the image are `add`ed, removed ones `remove`d. */
export function imagePatch(current: Image, input: ImageUpdate): ImagePatchOp[] {
  const ops: ImagePatchOp[] = [];
  const set = (key: string, value: unknown) => {
    ops.push({ op: key in current ? "replace" : "add", path: `/${key}`, value });
  };
  if (input.name !== undefined) set("name", input.name);
  if (input.minDisk !== undefined) set("min_disk", input.minDisk);
  if (input.minRam !== undefined) set("min_ram", input.minRam);
  if (input.visibility !== undefined) set("visibility", input.visibility);
  if (input.protected !== undefined) set("protected", input.protected);
  for (const [key, value] of Object.entries(input.properties ?? {})) {
    if (value === null) {
      if (key in current) ops.push({ op: "remove", path: `/${key}` });
    } else set(key, value);
  }
  return ops;
}

export async function updateImage(cloud: Cloud, input: ImageUpdate) {
  const glance = await cloud.glance();
  const current = await glance.get(input.id);
  const ops = imagePatch(current, input);
  return toImageDetail(ops.length === 0 ? current : await glance.update(input.id, ops));
}

export async function deleteImage(cloud: Cloud, id: string) {
  await (await cloud.glance()).delete(id);
  return { ok: true as const };
}
