import { type CinderListQuery, listQuery, type Paged, walk } from "./paging.ts";
import {
  type Backup,
  markerOfNext,
  type Restore,
  ZBackupCreateResponse,
  ZBackupResponse,
  ZBackupsResponse,
  ZRestoreResponse,
} from "./schemas.ts";
import { type CinderTransport, defined, enc } from "./transport.ts";

export interface CreateBackupInput {
  volumeId: string;
  name?: string | undefined;
  description?: string | undefined;
  incremental?: boolean | undefined;
  /** Back up an in-use volume. */
  force?: boolean | undefined;
  snapshotId?: string | undefined;
}

export function backupsApi(cinder: CinderTransport) {
  const api = {
    async detail(query: CinderListQuery = {}): Promise<Paged<Backup>> {
      const res = await cinder.request({
        path: "backups/detail",
        query: listQuery(query),
        schema: ZBackupsResponse,
      });
      return { items: res.data.backups, nextMarker: markerOfNext(res.data.backups_links) };
    },
    async detailAll(query: CinderListQuery = {}): Promise<Backup[]> {
      return walk((marker) => api.detail({ ...query, marker: marker ?? query.marker }));
    },
    async get(id: string): Promise<Backup> {
      return (await cinder.request({ path: `backups/${enc(id)}`, schema: ZBackupResponse })).data.backup;
    },
    /** Returns the new backup's id (the create answer carries only id, name and links). */
    async create(input: CreateBackupInput): Promise<{ id: string }> {
      const backup = defined({
        volume_id: input.volumeId,
        name: input.name,
        description: input.description,
        incremental: input.incremental,
        force: input.force,
        snapshot_id: input.snapshotId,
      });
      const res = await cinder.request({
        method: "POST",
        path: "backups",
        body: { backup },
        schema: ZBackupCreateResponse,
      });
      return { id: res.data.backup.id };
    },
    /** Restores into `volumeId`, or into a new volume (named `name`) when none is given. */
    async restore(
      id: string,
      target: { volumeId?: string | undefined; name?: string | undefined },
    ): Promise<Restore> {
      const res = await cinder.request({
        method: "POST",
        path: `backups/${enc(id)}/restore`,
        body: { restore: defined({ volume_id: target.volumeId, name: target.name }) },
        schema: ZRestoreResponse,
      });
      return res.data.restore;
    },
    async delete(id: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `backups/${enc(id)}` });
    },
  };
  return api;
}
