import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import { isVolumeHostAlive } from "../hub/liveness.ts";

/**
 * Cinder's default `max_over_subscription_ratio`: volumes are thin (qcow2
 * files grow as guests write), so a host may promise this many times its
 * size, as Cinder's capacity filter allows thin-provisioning backends.
 */
export const MAX_OVER_SUBSCRIPTION_RATIO = 20;

/**
 * Cinder's scheduler reduced to what one storage backend per host needs:
 * an enabled, live host in the wanted availability zone with room for the
 * volume (thin provisioning: what it promised stays within
 * MAX_OVER_SUBSCRIPTION_RATIO times its size, and some space is really
 * free), the one with the most room first. The claim is taken in the caller's transaction
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
    .filter((h) => h.freeCapacityGb >= 1)
    .map((h) => ({ host: h.host, room: h.totalCapacityGb * MAX_OVER_SUBSCRIPTION_RATIO - h.allocatedGb }))
    .filter((h) => h.room >= sizeGb)
    .sort((a, b) => b.room - a.room);
  const chosen = candidates[0];
  if (!chosen) {
    throw new ZenithError(
      "BAD_REQUEST",
      sameHostAs
        ? `No valid backend was found. The volume's source is on ${sameHostAs}, which cannot take ${sizeGb} GiB now.`
        : `No valid backend was found. No volume host in availability zone ${availabilityZone} is up with room for ${sizeGb} GiB.`,
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
