import { randomUUID } from "node:crypto";
import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import { ImageQuotas } from "../image/quotas.ts";
import type { VolumeCaller } from "./caller.ts";
import { findVolume, invalidVolume, type VolumeRow } from "./volumes/lookup.ts";
import type { VolumePublisher } from "./volumes/publisher.ts";
import { VolumeStatus } from "./volumes/states.ts";

export interface UploadRequest {
  imageName: string;
  force: boolean;
  diskFormat: "raw" | "qcow2";
  containerFormat: string;
  visibility: "private" | "public" | "shared" | "community";
  protected: boolean;
}

/**
 * `os-volume_upload_image`: a new Glance image (queued, owned by the
 * volume's project, counted by Glance's quota) is filled by the volume's
 * agent with a point-in-time copy; the volume is `uploading` meanwhile
 * and returns to its status when the agent reports the copy done.
 */
export class VolumeUploads {
  constructor(private readonly deps: { prisma: PrismaClient; publisher: VolumePublisher }) {}

  async start(
    caller: VolumeCaller,
    volumeId: string,
    req: UploadRequest,
  ): Promise<{ volume: VolumeRow; imageId: string }> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, volumeId);
    const inUseOk = vol.status === VolumeStatus.IN_USE && req.force;
    if (vol.status !== VolumeStatus.AVAILABLE && !inUseOk) {
      throw invalidVolume(
        vol.status === VolumeStatus.IN_USE
          ? `Volume ${volumeId} is in-use; pass force=True to upload an attached volume.`
          : `Volume ${volumeId} status must be available or in-use to upload it; it is ${vol.status}.`,
      );
    }
    if ((req.visibility === "public" || req.visibility === "community") && !caller.isAdmin) {
      throw new ZenithError(
        "FORBIDDEN",
        "Policy doesn't allow volume_extension:volume_actions:upload_public to be performed.",
      );
    }
    const imageId = randomUUID();
    await prisma.$transaction(async (tx) => {
      await new ImageQuotas(prisma).checkCreate(tx, vol.projectId).catch((err: unknown) => {
        throw isZenithError(err) ? new ZenithError("PAYLOAD_TOO_LARGE", err.message) : err;
      });
      await tx.image.create({
        data: {
          id: imageId,
          name: req.imageName,
          status: "saving",
          visibility: req.visibility,
          protected: req.protected,
          ownerId: vol.projectId,
          diskFormat: req.diskFormat,
          containerFormat: req.containerFormat,
          minDisk: vol.sizeGb,
          properties: uploadedImageProperties(vol.imageMetadata),
        },
      });
      const { count } = await tx.volume.updateMany({
        where: { id: volumeId, status: vol.status, deletedAt: null },
        data: { status: VolumeStatus.UPLOADING, previousStatus: vol.status, uploadImageId: imageId },
      });
      if (count === 0) throw invalidVolume(`Volume ${volumeId} changed status meanwhile; try again.`);
    });
    this.deps.publisher.volumesChanged();
    return { volume: await findVolume(prisma, caller, volumeId), imageId };
  }
}

/** A volume host may send bytes only into the image one of its volumes is uploading. */
export async function volumeHostMayUpload(
  prisma: PrismaClient,
  host: string,
  imageId: string,
): Promise<boolean> {
  const vol = await prisma.volume.findFirst({
    where: { host, uploadImageId: imageId, status: VolumeStatus.UPLOADING, deletedAt: null },
    select: { id: true },
  });
  return vol !== null;
}

/** The agent finished (or failed) an upload: the volume returns to its status; a failed image is killed. */
export async function finishUpload(prisma: PrismaClient, imageId: string, ok: boolean): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const vol = await tx.volume.findFirst({
      where: { uploadImageId: imageId, status: VolumeStatus.UPLOADING },
    });
    if (!vol) return false;
    await tx.volume.update({
      where: { id: vol.id },
      data: {
        status: vol.previousStatus ?? VolumeStatus.AVAILABLE,
        previousStatus: null,
        uploadImageId: null,
      },
    });
    if (!ok)
      await tx.image.updateMany({
        where: { id: imageId, status: { in: ["queued", "saving"] } },
        data: { status: "killed" },
      });
    return true;
  });
}

/** Cinder's `glance_core_properties`: image fields of the volume's metadata that the new image has its own of. */
const GLANCE_CORE_PROPERTIES = new Set([
  "checksum",
  "container_format",
  "disk_format",
  "image_name",
  "image_id",
  "min_disk",
  "min_ram",
  "name",
  "size",
]);

/**
 * What Cinder copies from a volume's `volume_image_metadata` into the image
 * it uploads (`copy_volume_to_image`): every custom property (kernel_id,
 * ramdisk_id, os_distro…), so an image of a volume made from an AMI boots
 * as the AMI did.
 */
export function uploadedImageProperties(imageMetadata: unknown): Record<string, string> {
  if (typeof imageMetadata !== "object" || imageMetadata === null || Array.isArray(imageMetadata)) return {};
  return Object.fromEntries(
    Object.entries(imageMetadata).flatMap(([k, v]) =>
      typeof v === "string" && !GLANCE_CORE_PROPERTIES.has(k) ? [[k, v]] : [],
    ),
  );
}
