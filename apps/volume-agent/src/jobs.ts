/**
 * The one-shot jobs: a volume copied to a Glance image (`PUT
 * agentImageFilePath`) and to the backup store (`PUT agentBackupFilePath`,
 * always qcow2). Each copy goes through a temporary file that is removed
 * when the job ends.
 */
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { agentImageFilePath } from "@zenith/agent-protocol/compute";
import { agentBackupFilePath, type DesiredBackup, type DesiredUpload } from "@zenith/agent-protocol/volume";
import type { Logger } from "@zenith/core/logger";
import { GiB, type VolumeDriver, VolumeDriverError, type VolumeInfo } from "./driver/types.ts";
import type { ControlFiles } from "./transfers.ts";

export interface JobContext {
  driver: VolumeDriver;
  files: ControlFiles;
  logger: Logger;
}

export async function runUpload(ctx: JobContext, job: DesiredUpload): Promise<void> {
  await ctx.files.withTempFile(`upload-${job.imageId}`, async (file) => {
    await ctx.driver.copyToImage({ volumeId: job.volumeId, path: file, format: job.diskFormat });
    await ctx.files.upload(agentImageFilePath(job.imageId), file);
  });
}

/**
 * Copies the volume, or one of its snapshots, as qcow2 to the backup store;
 * resolves the bytes stored. A snapshot is read through a temporary volume
 * made from it (the driver copies volumes, not snapshots): `onTempVolume`
 * records its id before it exists and clears it after it is gone, so a
 * crash in between leaves nothing the next start does not delete.
 */
export async function runBackup(
  ctx: JobContext,
  job: DesiredBackup,
  volume: VolumeInfo,
  onTempVolume: (id: string | null) => Promise<void>,
): Promise<number> {
  return await ctx.files.withTempFile(`backup-${job.backupId}`, async (file) => {
    if (job.snapshotId === null) {
      await ctx.driver.copyToImage({ volumeId: job.volumeId, path: file, format: "qcow2" });
    } else {
      const snapshot = volume.snapshots.find((s) => s.id === job.snapshotId);
      if (snapshot === undefined) {
        throw new VolumeDriverError(
          "NotFound",
          `snapshot ${job.snapshotId} of volume ${job.volumeId} not found`,
        );
      }
      const temp = randomUUID();
      await onTempVolume(temp);
      try {
        await ctx.driver.createVolume({
          volumeId: temp,
          sizeGib: Math.max(1, Math.ceil(snapshot.sizeBytes / GiB)),
          format: "qcow2",
          source: { kind: "snapshot", volumeId: job.volumeId, snapshotId: snapshot.id },
        });
        await ctx.driver.copyToImage({ volumeId: temp, path: file, format: "qcow2" });
      } finally {
        await ctx.driver.deleteVolume(temp);
        await onTempVolume(null);
      }
    }
    const { size } = await stat(file);
    await ctx.files.upload(agentBackupFilePath(job.backupId), file);
    return size;
  });
}
