/**
 * What the volume agent meters: per volume its size (GB, as the control
 * plane asked for it) and what it takes on disk; for the host (subject: its
 * name) what the storage offers and what the volumes take, and the storage
 * folder's file system. A volume on disk that the control plane did not ask
 * for (a backup's temporary copy, one being deleted) has no series of its own
 * but counts in the host's allocation.
 */
import type { Sample } from "@zenith/agent-protocol/metering";
import type { DesiredVolume } from "@zenith/agent-protocol/volume";
import type { StorageUsage } from "./driver/types.ts";

export interface VolumeMeteringInput {
  host: string;
  usage: StorageUsage;
  desired: ReadonlyMap<string, Pick<DesiredVolume, "sizeGb">>;
  at: number;
}

export function volumeSamples({ host, usage, desired, at }: VolumeMeteringInput): Sample[] {
  const samples: Sample[] = [];
  for (const v of usage.volumes) {
    const wanted = desired.get(v.id);
    if (wanted === undefined) continue;
    samples.push(
      { resource: "volume", subject: v.id, metric: "volume.size", value: wanted.sizeGb, at },
      { resource: "volume", subject: v.id, metric: "volume.allocation", value: v.allocatedBytes, at },
    );
  }
  const allocated = usage.volumes.reduce((sum, v) => sum + v.allocatedBytes, 0);
  const hostSample = (metric: Sample["metric"], value: number): Sample => ({
    resource: "host",
    subject: host,
    metric,
    value,
    at,
  });
  samples.push(
    hostSample("volume.provider.capacity.total", usage.totalBytes),
    hostSample("volume.provider.capacity.allocated", allocated),
    hostSample("hardware.disk.size.total", usage.totalBytes),
    hostSample("hardware.disk.size.used", usage.usedBytes),
  );
  return samples;
}
