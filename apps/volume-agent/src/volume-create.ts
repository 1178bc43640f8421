/**
 * Makes one desired volume from its source. Image and backup bytes are
 * downloaded into a temporary file first (the driver converts from a local
 * file), bounded by what a volume of that size can need.
 */
import { agentImageFilePath } from "@zenith/agent-protocol/compute";
import { agentBackupFilePath, type DesiredVolume } from "@zenith/agent-protocol/volume";
import { GiB, isVolumeDriverError, type VolumeDriver, type VolumeInfo } from "./driver/types.ts";
import type { ControlFiles } from "./transfers.ts";

/**
 * The most a source file for a volume of `sizeGb` may weigh: its virtual size
 * plus room for image metadata (qcow2 tables, VHDX logs). An image that
 * holds more cannot fit the volume anyway; the bound keeps a bad or hostile
 * file from filling the storage folder.
 */
export function maxSourceBytes(sizeGb: number): number {
  const size = sizeGb * GiB;
  return size + Math.ceil(size / 8) + 64 * 1024 ** 2;
}

export async function createFromSource(
  driver: VolumeDriver,
  files: ControlFiles,
  d: DesiredVolume,
): Promise<VolumeInfo> {
  const base = { volumeId: d.id, sizeGib: d.sizeGb, format: d.format };
  const fromFile = (path: string, label: string, format: "qcow2" | "raw" | "vdi" | "vhd" | "vhdx") =>
    files.withTempFile(label, async (file) => {
      await files.download(path, file, maxSourceBytes(d.sizeGb));
      return await driver.createVolume({ ...base, source: { kind: "image", path: file, format } });
    });
  try {
    const { source } = d;
    switch (source.kind) {
      case "empty":
        return await driver.createVolume({ ...base, source });
      case "snapshot":
      case "volume":
        return await driver.createVolume({ ...base, source });
      case "image":
        return await fromFile(
          agentImageFilePath(source.imageId),
          `image-${source.imageId}`,
          source.diskFormat,
        );
      case "backup":
        return await fromFile(agentBackupFilePath(source.backupId), `backup-${source.backupId}`, "qcow2");
    }
  } catch (err) {
    // Another pass (or an agent before a crash) made it: the volume is there, which is what was asked.
    if (isVolumeDriverError(err, "AlreadyExists")) return await driver.getVolume(d.id);
    throw err;
  }
}
