import type { Snapshot } from "@zenith/api-client/cinder";
import type { Cloud } from "../cloud/clients.ts";

export interface SnapshotRow {
  id: string;
  name: string;
  description: string;
  status: string;
  size: number;
  volume: { id: string; name: string };
  createdAt: string;
  progress: string | null;
}

function toRow(s: Snapshot, volumeNames: ReadonlyMap<string, string>): SnapshotRow {
  return {
    id: s.id,
    name: s.name ?? "",
    description: s.description ?? "",
    status: s.status,
    size: s.size,
    volume: { id: s.volume_id, name: volumeNames.get(s.volume_id) || s.volume_id },
    createdAt: s.created_at,
    progress: s["os-extended-snapshot-attributes:progress"] ?? null,
  };
}

/** The project's snapshots (or one volume's), newest first, labelled with volume names from one listing. */
export async function listSnapshots(
  cloud: Cloud,
  opts: { volumeId?: string | undefined } = {},
): Promise<SnapshotRow[]> {
  const cinder = await cloud.cinder();
  const [snapshots, volumes] = await Promise.all([
    cinder.snapshots.detailAll({ filters: { volume_id: opts.volumeId } }),
    cinder.volumes.detailAll(),
  ]);
  const names = new Map(volumes.map((v) => [v.id, v.name ?? ""]));
  return snapshots
    .filter((s) => opts.volumeId === undefined || s.volume_id === opts.volumeId)
    .map((s) => toRow(s, names))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** `force` snapshots an attached volume (crash-consistent), as Horizon offers. */
export async function createSnapshot(
  cloud: Cloud,
  req: { volumeId: string; name: string; description?: string | undefined; force: boolean },
): Promise<SnapshotRow> {
  const cinder = await cloud.cinder();
  const snapshot = await cinder.snapshots.create({
    volumeId: req.volumeId,
    name: req.name,
    description: req.description || undefined,
    force: req.force || undefined,
  });
  return toRow(snapshot, new Map());
}

export async function deleteSnapshot(cloud: Cloud, id: string): Promise<void> {
  await (await cloud.cinder()).snapshots.delete(id);
}
