import { type CinderListQuery, listQuery, type Paged, walk } from "./paging.ts";
import { markerOfNext, type Snapshot, ZSnapshotResponse, ZSnapshotsResponse } from "./schemas.ts";
import { type CinderTransport, defined, enc } from "./transport.ts";

export interface CreateSnapshotInput {
  volumeId: string;
  name?: string | undefined;
  description?: string | undefined;
  /** Snapshot an in-use volume. */
  force?: boolean | undefined;
  metadata?: Record<string, string> | undefined;
}

export function snapshotsApi(cinder: CinderTransport) {
  const api = {
    async detail(query: CinderListQuery = {}): Promise<Paged<Snapshot>> {
      const res = await cinder.request({
        path: "snapshots/detail",
        query: listQuery(query),
        schema: ZSnapshotsResponse,
      });
      return { items: res.data.snapshots, nextMarker: markerOfNext(res.data.snapshots_links) };
    },
    async detailAll(query: CinderListQuery = {}): Promise<Snapshot[]> {
      return walk((marker) => api.detail({ ...query, marker: marker ?? query.marker }));
    },
    async get(id: string): Promise<Snapshot> {
      return (await cinder.request({ path: `snapshots/${enc(id)}`, schema: ZSnapshotResponse })).data
        .snapshot;
    },
    async create(input: CreateSnapshotInput): Promise<Snapshot> {
      const snapshot = defined({
        volume_id: input.volumeId,
        name: input.name,
        description: input.description,
        force: input.force,
        metadata: input.metadata,
      });
      const res = await cinder.request({
        method: "POST",
        path: "snapshots",
        body: { snapshot },
        schema: ZSnapshotResponse,
      });
      return res.data.snapshot;
    },
    async update(id: string, patch: { name?: string | undefined; description?: string | undefined }) {
      const res = await cinder.request({
        method: "PUT",
        path: `snapshots/${enc(id)}`,
        body: { snapshot: defined(patch) },
        schema: ZSnapshotResponse,
      });
      return res.data.snapshot;
    },
    async delete(id: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `snapshots/${enc(id)}` });
    },
  };
  return api;
}
