/**
 * Internal qcow2 snapshots are named `<snapshotId>@<sizeBytes>`: the size
 * the volume had when it was taken lives with the snapshot itself (qemu-img
 * does not report it), so nothing outside the volume file can disagree with
 * it. Other names (the driver's own temporary snapshots) are not Cinder's.
 */
import { type SnapshotInfo, snapshotIdSchema } from "../schemas.ts";
import type { QcowSnapshot } from "./qemu-img.ts";

export const TEMP_SNAPSHOT_PREFIX = "zenith-tmp-";

export function snapshotName(snapshotId: string, sizeBytes: number): string {
  return `${snapshotId}@${sizeBytes}`;
}

export function parseSnapshot(
  volumeId: string,
  s: QcowSnapshot,
): (SnapshotInfo & { name: string }) | undefined {
  const match = /^([0-9a-f-]{36})@([1-9][0-9]{0,17})$/.exec(s.name);
  if (!match?.[1] || !match[2] || !snapshotIdSchema.safeParse(match[1]).success) return undefined;
  return {
    id: match[1],
    volumeId,
    sizeBytes: Number(match[2]),
    createdAt: new Date(s["date-sec"] * 1000).toISOString(),
    name: s.name,
  };
}
