import type { PrismaClient } from "@zenith/db/client";
import { VolumeStatus } from "../volumes/states.ts";

/**
 * What a volume host may download, read from the same rows as its desired
 * state: an image only while a volume on that host is being made from it.
 * A compromised host gets nothing else.
 */
export async function volumeHostMayDownload(
  prisma: PrismaClient,
  host: string,
  imageId: string,
): Promise<boolean> {
  const volume = await prisma.volume.findFirst({
    where: { host, sourceImageId: imageId, status: VolumeStatus.CREATING, deletedAt: null },
    select: { id: true },
  });
  return volume !== null;
}
