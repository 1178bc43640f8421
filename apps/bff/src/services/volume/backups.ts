import type { Backup } from "@zenith/api-client/cinder";
import type { Cloud } from "../cloud/clients.ts";

export interface BackupRow {
  id: string;
  name: string;
  description: string;
  status: string;
  size: number | null;
  volume: { id: string; name: string };
  incremental: boolean;
  createdAt: string | null;
  failReason: string | null;
}

function toRow(b: Backup, volumeNames: ReadonlyMap<string, string>): BackupRow {
  return {
    id: b.id,
    name: b.name ?? "",
    description: b.description ?? "",
    status: b.status,
    size: b.size ?? null,
    volume: { id: b.volume_id, name: volumeNames.get(b.volume_id) || b.volume_id },
    incremental: b.is_incremental ?? false,
    createdAt: b.created_at ?? null,
    failReason: b.fail_reason ?? null,
  };
}

export async function listBackups(
  cloud: Cloud,
  opts: { volumeId?: string | undefined } = {},
): Promise<BackupRow[]> {
  const cinder = await cloud.cinder();
  const [backups, volumes] = await Promise.all([
    cinder.backups.detailAll({ filters: { volume_id: opts.volumeId } }),
    cinder.volumes.detailAll(),
  ]);
  const names = new Map(volumes.map((v) => [v.id, v.name ?? ""]));
  return backups
    .filter((b) => opts.volumeId === undefined || b.volume_id === opts.volumeId)
    .map((b) => toRow(b, names))
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
}

export async function createBackup(
  cloud: Cloud,
  req: {
    volumeId: string;
    name: string;
    description?: string | undefined;
    incremental: boolean;
    force: boolean;
  },
): Promise<{ id: string }> {
  const cinder = await cloud.cinder();
  return cinder.backups.create({
    volumeId: req.volumeId,
    name: req.name,
    description: req.description || undefined,
    incremental: req.incremental || undefined,
    force: req.force || undefined,
  });
}

/** Into an existing (available, large enough) volume, or a new one named `name`. */
export async function restoreBackup(
  cloud: Cloud,
  req: { id: string; volumeId?: string | undefined; name?: string | undefined },
): Promise<{ volumeId: string }> {
  const cinder = await cloud.cinder();
  const res = await cinder.backups.restore(req.id, { volumeId: req.volumeId, name: req.name });
  return { volumeId: res.volume_id };
}

export async function deleteBackup(cloud: Cloud, id: string): Promise<void> {
  await (await cloud.cinder()).backups.delete(id);
}
