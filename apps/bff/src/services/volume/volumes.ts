import type { CinderClient, Volume } from "@zenith/api-client/cinder";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { instanceNames, projectNames, sortAndPage } from "../network/secfip-common.ts";
import type { Page } from "../paging.ts";
import { assertAllProjects, type VolumeScope } from "./scope.ts";
import { toVolumeRow, type VolumeRow } from "./volume-dto.ts";

export const VOLUME_SORT_KEYS = ["name", "status", "size", "type", "created", "attachedTo"] as const;
export type VolumeSortKey = (typeof VOLUME_SORT_KEYS)[number];

export interface VolumeListQuery {
  page: number;
  pageSize: number;
  sort?: VolumeSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
  status?: string | undefined;
  allProjects?: boolean | undefined;
  /** Admin with allProjects: only this project's. */
  projectId?: string | undefined;
}

/** Attachment labels, only when some volume is attached (see `instanceNames`). */
async function serverNamesFor(
  cloud: Cloud,
  scope: VolumeScope,
  volumes: readonly Volume[],
  allProjects: boolean | undefined,
): Promise<Map<string, string>> {
  const ids = volumes.flatMap((v) => v.attachments.flatMap((a) => a.server_id || []));
  if (ids.length === 0) return new Map();
  const nova = await cloud.nova();
  return instanceNames(nova, scope, { allProjects: allProjects && scope.isAdmin, ids });
}

/**
 * Volumes with their attachments labelled: one Cinder listing (filtered by
 * status there) and at most one Nova summary listing, whatever the size;
 * the BFF sorts, filters by substring and pages.
 */
export async function listVolumes(
  cloud: Cloud,
  scope: VolumeScope,
  query: VolumeListQuery,
): Promise<Page<VolumeRow>> {
  assertAllProjects(scope, query.allProjects);
  const cinder = await cloud.cinder();
  const wide = query.allProjects === true;
  const volumes = await cinder.volumes.detailAll({
    allTenants: wide || undefined,
    projectId: wide ? query.projectId : undefined,
    filters: { status: query.status },
  });
  const servers = await serverNamesFor(cloud, scope, volumes, wide);
  const rows = volumes.map((v) => toVolumeRow(v, servers));
  const page = sortAndPage(
    rows,
    query,
    "created",
    (row, key) =>
      key === "name"
        ? row.name || row.id
        : key === "status"
          ? row.status
          : key === "size"
            ? row.size
            : key === "type"
              ? row.volumeType
              : key === "attachedTo"
                ? (row.attachments[0]?.serverName ?? null)
                : row.createdAt,
    (row) => [row.name, row.id, row.description, ...row.attachments.map((a) => a.serverName ?? "")],
  );
  if (wide) {
    const names = await projectNames(
      cloud,
      scope,
      page.items.map((r) => r.projectId),
    );
    page.items = page.items.map((r) => ({ ...r, projectName: names.get(r.projectId) ?? null }));
  }
  return page;
}

export async function getVolume(cloud: Cloud, scope: VolumeScope, id: string): Promise<VolumeRow> {
  const cinder = await cloud.cinder();
  const volume = await cinder.volumes.get(id);
  return toVolumeRow(volume, await serverNamesFor(cloud, scope, [volume], scope.isAdmin));
}

export interface CreateVolumeRequest {
  name: string;
  description?: string | undefined;
  size: number;
  volumeType?: string | undefined;
  availabilityZone?: string | undefined;
  source:
    | { kind: "empty" }
    | { kind: "image"; id: string }
    | { kind: "snapshot"; id: string }
    | { kind: "volume"; id: string };
}

/**
 * Creates a volume; a volume made from a snapshot or another volume may not
 * be smaller than its source, which Cinder refuses with a 400 the user reads.
 */
export async function createVolume(cloud: Cloud, req: CreateVolumeRequest): Promise<VolumeRow> {
  const cinder = await cloud.cinder();
  const volume = await cinder.volumes.create({
    size: req.size,
    name: req.name,
    description: req.description || undefined,
    volumeType: req.volumeType || undefined,
    availabilityZone: req.availabilityZone || undefined,
    imageRef: req.source.kind === "image" ? req.source.id : undefined,
    snapshotId: req.source.kind === "snapshot" ? req.source.id : undefined,
    sourceVolid: req.source.kind === "volume" ? req.source.id : undefined,
  });
  return toVolumeRow(volume, new Map());
}

export interface UpdateVolumeRequest {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  bootable?: boolean | undefined;
  readonly?: boolean | undefined;
}

/** Name and description in one PUT; bootable and read-only are actions, sent only when they change. */
export async function updateVolume(
  cloud: Cloud,
  scope: VolumeScope,
  req: UpdateVolumeRequest,
): Promise<VolumeRow> {
  const cinder = await cloud.cinder();
  const before = await cinder.volumes.get(req.id);
  if (req.name !== undefined || req.description !== undefined) {
    await cinder.volumes.update(req.id, { name: req.name, description: req.description });
  }
  if (req.bootable !== undefined && req.bootable !== before.bootable) {
    await cinder.volumes.setBootable(req.id, req.bootable);
  }
  if (req.readonly !== undefined && req.readonly !== toVolumeRow(before, new Map()).readonly) {
    await cinder.volumes.setReadonly(req.id, req.readonly);
  }
  return getVolume(cloud, scope, req.id);
}

export async function extendVolume(cloud: Cloud, id: string, newSize: number): Promise<void> {
  const cinder = await cloud.cinder();
  const volume = await cinder.volumes.get(id);
  if (newSize <= volume.size) {
    throw new ZenithError("BAD_REQUEST", say("volume.sizeTooSmall", { size: volume.size }), {
      fields: [fieldError("newSize", say("volume.newSizeMin", { size: volume.size }))],
    });
  }
  await cinder.volumes.extend(id, newSize);
}

/**
 * Deletes a volume. The portal asks for confirmation by name: `confirmName`
 * must match, so a stale dialog (another row, another tab) never deletes
 * the wrong volume. Attached volumes are refused here with a clear message
 * before Cinder's own 400.
 */
export async function deleteVolume(
  cloud: Cloud,
  id: string,
  opts: { confirmName: string; cascade?: boolean | undefined },
): Promise<void> {
  const cinder = await cloud.cinder();
  const volume = await cinder.volumes.get(id);
  const expected = volume.name || volume.id;
  if (opts.confirmName !== expected) {
    throw new ZenithError("BAD_REQUEST", say("volume.confirmNameMismatch"), {
      fields: [fieldError("confirmName", say("volume.typeNameToConfirm", { name: expected }))],
    });
  }
  if (volume.attachments.length > 0 || volume.status === "in-use") {
    throw new ZenithError("CONFLICT", say("volume.detachBeforeDelete"));
  }
  await cinder.volumes.delete(id, { cascade: opts.cascade });
}

export async function uploadVolumeToImage(
  cloud: Cloud,
  id: string,
  req: { imageName: string; diskFormat: string; force: boolean },
): Promise<{ imageId: string }> {
  const cinder = await cloud.cinder();
  const res = await cinder.volumes.uploadToImage(id, {
    imageName: req.imageName,
    diskFormat: req.diskFormat,
    force: req.force || undefined,
  });
  return { imageId: res.image_id };
}

/** Volumes the caller may attach to an instance now: available, in the project. */
export async function attachableVolumes(
  cinder: CinderClient,
): Promise<{ id: string; name: string; size: number }[]> {
  const volumes = await cinder.volumes.detailAll({ filters: { status: "available" } });
  return volumes.map((v) => ({ id: v.id, name: v.name || v.id, size: v.size }));
}
