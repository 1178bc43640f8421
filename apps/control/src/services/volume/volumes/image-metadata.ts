/**
 * A volume's image metadata (`volume_image_metadata`: what Cinder copied
 * from the Glance image it was made from, and what `volume set
 * --image-property` adds; an upload to Glance passes it on). Cinder's
 * volume_image_metadata extension: os-set_image_metadata,
 * os-unset_image_metadata, os-show_image_metadata.
 */
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "../caller.ts";
import { findVolume, invalidVolume, type VolumeRow } from "./lookup.ts";
import { VolumeStatus } from "./states.ts";

/** Most keys one volume's image metadata holds (Glance's default image property quota). */
export const MAX_IMAGE_METADATA_ITEMS = 128;

/** The stored image metadata as strings (other JSON values are not Cinder's and are dropped). */
export function imageMetadataOf(v: Pick<VolumeRow, "imageMetadata">): Record<string, string> {
  const value = v.imageMetadata;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, val]) => (typeof val === "string" ? [[k, val]] : [])),
  );
}

/** Cinder refuses metadata changes while the volume is being uploaded or is in maintenance. */
function assertChangeable(vol: VolumeRow): void {
  if (vol.status === VolumeStatus.UPLOADING || vol.status === VolumeStatus.MAINTENANCE) {
    throw invalidVolume(`Volume ${vol.id} is ${vol.status}; its image metadata cannot change now.`);
  }
}

/** Merges `metadata` into the volume's image metadata and returns the result. */
export async function setImageMetadata(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  metadata: Record<string, string>,
): Promise<Record<string, string>> {
  const vol = await findVolume(prisma, caller, id);
  assertChangeable(vol);
  const merged = { ...imageMetadataOf(vol), ...metadata };
  if (Object.keys(merged).length > MAX_IMAGE_METADATA_ITEMS) {
    throw ZenithError.badRequest(`A volume holds at most ${MAX_IMAGE_METADATA_ITEMS} image metadata items.`);
  }
  await prisma.volume.update({ where: { id }, data: { imageMetadata: merged } });
  return merged;
}

/** Removes one key; Cinder's 404 when the volume has no such key. */
export async function unsetImageMetadata(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  key: string,
): Promise<void> {
  const vol = await findVolume(prisma, caller, id);
  const current = imageMetadataOf(vol);
  if (!(key in current)) throw ZenithError.notFound("Metadata item was not found.");
  assertChangeable(vol);
  delete current[key];
  await prisma.volume.update({ where: { id }, data: { imageMetadata: current } });
}
