import type { PrismaClient } from "@zenith/db/client";
import { z } from "zod";
import { TaskState } from "../servers/states.ts";
import { bootVolumeImagesOf } from "./desired.ts";

const ZBootProperties = z.looseObject({
  kernel_id: z.string().optional(),
  ramdisk_id: z.string().optional(),
});
const ZSnapshotProperties = z.looseObject({ instance_uuid: z.string() });

/**
 * What a host may reach, read from the same rows as its desired state
 * (buildDesired): a compromised host gets nothing another host's instances
 * use unless one of its own instances uses it too.
 */

/** The images a host's live instances boot from, with their kernel and ramdisk images. */
export async function hostBootImages(prisma: PrismaClient, hostId: string): Promise<Set<string>> {
  const rows = await prisma.instance.findMany({
    where: {
      hostId,
      deletedAt: null,
      imageId: { not: null },
      OR: [{ taskState: null }, { taskState: { not: TaskState.DELETING } }],
    },
    select: { imageId: true },
    distinct: ["imageId"],
  });
  const ids = new Set(rows.flatMap((r) => (r.imageId ? [r.imageId] : [])));
  // Servers booted from volumes need their volume image's kernel and ramdisk.
  const fromVolumes = await prisma.instance.findMany({
    where: { hostId, deletedAt: null, imageId: null },
    select: { id: true, imageId: true },
  });
  for (const spec of (await bootVolumeImagesOf(prisma, fromVolumes)).values()) {
    if (spec.kernelId) ids.add(spec.kernelId);
    if (spec.ramdiskId) ids.add(spec.ramdiskId);
  }
  if (ids.size === 0) return ids;
  const images = await prisma.image.findMany({
    where: { id: { in: [...ids] } },
    select: { properties: true },
  });
  for (const image of images) {
    const props = ZBootProperties.safeParse(image.properties ?? {});
    if (!props.success) continue;
    if (props.data.kernel_id) ids.add(props.data.kernel_id);
    if (props.data.ramdisk_id) ids.add(props.data.ramdisk_id);
  }
  return ids;
}

export async function hostMayDownload(
  prisma: PrismaClient,
  hostId: string,
  imageId: string,
): Promise<boolean> {
  return (await hostBootImages(prisma, hostId)).has(imageId);
}

/** Only the snapshot a host's own instance is taking (its desired `snapshots`) takes its bytes. */
export async function hostMayUpload(
  prisma: PrismaClient,
  hostId: string,
  image: { properties: unknown },
): Promise<boolean> {
  const props = ZSnapshotProperties.safeParse(image.properties ?? {});
  if (!props.success) return false;
  const inst = await prisma.instance.findFirst({
    where: { id: props.data.instance_uuid, hostId, deletedAt: null, taskState: TaskState.IMAGE_SNAPSHOT },
    select: { id: true },
  });
  return inst !== null;
}
