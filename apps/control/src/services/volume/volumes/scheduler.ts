import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import { isVolumeHostAlive } from "../hub/liveness.ts";

/**
 * Cinder's scheduler reduced to what one storage backend per host needs:
 * an enabled, live host in the wanted availability zone with room for the
 * volume (reported free space minus what was already promised), the one
 * with the most room first. The claim is taken in the caller's transaction
 * (`allocated_gb`), so two volumes created at once cannot both take the
 * last free GiB.
 */
export async function placeVolume(
  tx: Prisma.TransactionClient,
  sizeGb: number,
  availabilityZone: string,
  sameHostAs?: string | null,
): Promise<string> {
  const hosts = await tx.volumeHost.findMany({
    where: {
      disabled: false,
      availabilityZone,
      ...(sameHostAs ? { host: sameHostAs } : {}),
    },
    orderBy: { host: "asc" },
  });
  const candidates = hosts
    .filter((h) => isVolumeHostAlive(h))
    .map((h) => ({ host: h.host, room: h.freeCapacityGb - h.allocatedGb }))
    .filter((h) => h.room >= sizeGb)
    .sort((a, b) => b.room - a.room);
  const chosen = candidates[0];
  if (!chosen) {
    throw new ZenithError(
      "BAD_REQUEST",
      sameHostAs
        ? `No valid backend was found. The volume's source is on ${sameHostAs}, which cannot take ${sizeGb} GiB now.`
        : `No valid backend was found. No volume host in availability zone ${availabilityZone} is up with ${sizeGb} GiB free.`,
    );
  }
  await tx.volumeHost.update({ where: { host: chosen.host }, data: { allocatedGb: { increment: sizeGb } } });
  return chosen.host;
}

/** Gives back what `placeVolume` (or an extend) claimed. */
export async function releaseVolumeClaim(
  tx: Prisma.TransactionClient,
  host: string | null,
  sizeGb: number,
): Promise<void> {
  if (host === null || sizeGb <= 0) return;
  await tx.volumeHost.updateMany({ where: { host }, data: { allocatedGb: { decrement: sizeGb } } });
}
