import { type CinderListQuery, listQuery, type Paged, walk } from "./paging.ts";
import {
  markerOfNext,
  type UploadImageResult,
  type Volume,
  ZUploadImageResponse,
  ZVolumeResponse,
  ZVolumesResponse,
} from "./schemas.ts";
import { type CinderTransport, defined, enc } from "./transport.ts";

/** One source at most: none gives an empty volume. */
export interface CreateVolumeInput {
  size: number;
  name?: string | undefined;
  description?: string | undefined;
  volumeType?: string | undefined;
  availabilityZone?: string | undefined;
  imageRef?: string | undefined;
  snapshotId?: string | undefined;
  sourceVolid?: string | undefined;
  backupId?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface UploadImageInput {
  imageName: string;
  diskFormat?: string | undefined;
  containerFormat?: string | undefined;
  force?: boolean | undefined;
  visibility?: "private" | "shared" | "community" | "public" | undefined;
  protected?: boolean | undefined;
}

export function volumesApi(cinder: CinderTransport) {
  async function action(id: string, body: Record<string, unknown>): Promise<void> {
    await cinder.send({ method: "POST", path: `volumes/${enc(id)}/action`, body });
  }
  const api = {
    /** `GET /volumes/detail`, one page. */
    async detail(query: CinderListQuery = {}): Promise<Paged<Volume>> {
      const res = await cinder.request({
        path: "volumes/detail",
        query: listQuery(query),
        schema: ZVolumesResponse,
      });
      return { items: res.data.volumes, nextMarker: markerOfNext(res.data.volumes_links) };
    },
    /** Every volume matching the query, following `next` links. */
    async detailAll(query: CinderListQuery = {}): Promise<Volume[]> {
      return walk((marker) => api.detail({ ...query, marker: marker ?? query.marker }));
    },
    async get(id: string): Promise<Volume> {
      return (await cinder.request({ path: `volumes/${enc(id)}`, schema: ZVolumeResponse })).data.volume;
    },
    async create(input: CreateVolumeInput): Promise<Volume> {
      const volume = defined({
        size: input.size,
        name: input.name,
        description: input.description,
        volume_type: input.volumeType,
        availability_zone: input.availabilityZone,
        imageRef: input.imageRef,
        snapshot_id: input.snapshotId,
        source_volid: input.sourceVolid,
        backup_id: input.backupId,
        metadata: input.metadata,
      });
      const res = await cinder.request({
        method: "POST",
        path: "volumes",
        body: { volume },
        schema: ZVolumeResponse,
      });
      return res.data.volume;
    },
    async update(
      id: string,
      patch: {
        name?: string | undefined;
        description?: string | undefined;
        metadata?: Record<string, string>;
      },
    ): Promise<Volume> {
      const res = await cinder.request({
        method: "PUT",
        path: `volumes/${enc(id)}`,
        body: { volume: defined(patch) },
        schema: ZVolumeResponse,
      });
      return res.data.volume;
    },
    /** `cascade` deletes the volume's snapshots too. */
    async delete(id: string, opts: { cascade?: boolean } = {}): Promise<void> {
      await cinder.send({ method: "DELETE", path: `volumes/${enc(id)}`, query: { cascade: opts.cascade } });
    },

    action,
    extend: (id: string, newSize: number) => action(id, { "os-extend": { new_size: newSize } }),
    setBootable: (id: string, bootable: boolean) => action(id, { "os-set_bootable": { bootable } }),
    setReadonly: (id: string, readonly: boolean) => action(id, { "os-update_readonly_flag": { readonly } }),
    /** Admin: sets the status (and optionally attach/migration status) without touching the backend. */
    resetStatus: (
      id: string,
      state: { status: string; attachStatus?: string | undefined; migrationStatus?: string | undefined },
    ) =>
      action(id, {
        "os-reset_status": defined({
          status: state.status,
          attach_status: state.attachStatus,
          migration_status: state.migrationStatus,
        }),
      }),
    /** Admin: deletes whatever the status. */
    forceDelete: (id: string) => action(id, { "os-force_delete": {} }),
    async uploadToImage(id: string, input: UploadImageInput): Promise<UploadImageResult> {
      const res = await cinder.request({
        method: "POST",
        path: `volumes/${enc(id)}/action`,
        body: {
          "os-volume_upload_image": defined({
            image_name: input.imageName,
            disk_format: input.diskFormat ?? "raw",
            container_format: input.containerFormat ?? "bare",
            force: input.force,
            visibility: input.visibility,
            protected: input.protected,
          }),
        },
        schema: ZUploadImageResponse,
      });
      return res.data["os-volume_upload_image"];
    },
  };
  return api;
}
