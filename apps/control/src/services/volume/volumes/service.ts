import type { PrismaClient } from "@zenith/db/client";
import type { AttachmentService } from "../attachments.ts";
import type { VolumeCaller } from "../caller.ts";
import type { VolumeQuotaService } from "../quotas.ts";
import type { VolumeTypeService } from "../volume-types.ts";
import { createVolume, type NewVolume } from "./create.ts";
import { imageMetadataOf, setImageMetadata, unsetImageMetadata } from "./image-metadata.ts";
import {
  deleteVolume,
  extendVolume,
  resetVolumeStatus,
  setBootable,
  setReadonly,
  updateVolume,
  type VolumeChange,
} from "./lifecycle.ts";
import { listVolumes, type VolumeListQuery } from "./list.ts";
import { findVolume, invalidVolume, typeNames, type VolumeRow } from "./lookup.ts";
import type { VolumePublisher } from "./publisher.ts";

export interface VolumeServiceDeps {
  prisma: PrismaClient;
  quotas: VolumeQuotaService;
  types: VolumeTypeService;
  publisher: VolumePublisher;
  attachments: AttachmentService;
}

/** Cinder's volumes, as the HTTP layer and the BFF-facing APIs use them; each call is scoped by the caller. */
export class VolumeService {
  constructor(private readonly deps: VolumeServiceDeps) {}

  create(caller: VolumeCaller, userId: string, input: NewVolume): Promise<VolumeRow> {
    return createVolume(this.deps, caller, userId, input);
  }

  /** Type names by id, for rendering `volume_type`. */
  typeNames(ids: readonly string[]): Promise<Map<string, string>> {
    return typeNames(this.deps.prisma, ids);
  }

  get(caller: VolumeCaller, id: string): Promise<VolumeRow> {
    return findVolume(this.deps.prisma, caller, id);
  }

  list(caller: VolumeCaller, q: VolumeListQuery) {
    return listVolumes(this.deps.prisma, caller, q);
  }

  update(caller: VolumeCaller, id: string, change: VolumeChange): Promise<VolumeRow> {
    return updateVolume(this.deps.prisma, caller, id, change);
  }

  delete(caller: VolumeCaller, id: string, opts: { cascade?: boolean; force?: boolean } = {}): Promise<void> {
    return deleteVolume(this.deps, caller, id, opts);
  }

  extend(caller: VolumeCaller, id: string, newSizeGb: number, opts: { inUse?: boolean } = {}): Promise<void> {
    return extendVolume(this.deps, caller, id, newSizeGb, opts);
  }

  setBootable(caller: VolumeCaller, id: string, bootable: boolean): Promise<void> {
    return setBootable(this.deps.prisma, caller, id, bootable);
  }

  setReadonly(caller: VolumeCaller, id: string, readonly: boolean): Promise<void> {
    return setReadonly(this.deps.prisma, caller, id, readonly);
  }

  /** `volume_image_metadata` (os-show_image_metadata). */
  async imageMetadata(caller: VolumeCaller, id: string): Promise<Record<string, string>> {
    return imageMetadataOf(await findVolume(this.deps.prisma, caller, id));
  }

  /** os-set_image_metadata: merges, returns the whole image metadata. */
  setImageMetadata(
    caller: VolumeCaller,
    id: string,
    metadata: Record<string, string>,
  ): Promise<Record<string, string>> {
    return setImageMetadata(this.deps.prisma, caller, id, metadata);
  }

  /** os-unset_image_metadata: one key. */
  unsetImageMetadata(caller: VolumeCaller, id: string, key: string): Promise<void> {
    return unsetImageMetadata(this.deps.prisma, caller, id, key);
  }

  resetStatus(
    caller: VolumeCaller,
    id: string,
    change: Parameters<typeof resetVolumeStatus>[3],
  ): Promise<void> {
    return resetVolumeStatus(this.deps.prisma, caller, id, change);
  }

  /**
   * The legacy reservation actions (os-reserve, os-unreserve,
   * os-begin_detaching, os-roll_detaching): a status flip from the allowed
   * ones, else Cinder's 400.
   */
  async markStatus(caller: VolumeCaller, id: string, from: readonly string[], to: string): Promise<void> {
    const vol = await findVolume(this.deps.prisma, caller, id);
    const { count } = await this.deps.prisma.volume.updateMany({
      where: { id, status: { in: [...from] }, deletedAt: null },
      data: { status: to },
    });
    if (count === 0) {
      throw invalidVolume(`Volume ${id} status must be ${from.join(" or ")}; it is ${vol.status}.`);
    }
  }

  /** os-attach (legacy bookkeeping). */
  async attach(
    caller: VolumeCaller,
    id: string,
    input: { instanceId: string | null; hostName: string | null; mountpoint: string; mode: "rw" | "ro" },
  ): Promise<void> {
    const vol = await findVolume(this.deps.prisma, caller, id);
    await this.deps.attachments.legacyAttach(vol, input);
  }

  async detach(caller: VolumeCaller, id: string, attachmentId: string | undefined): Promise<void> {
    const vol = await findVolume(this.deps.prisma, caller, id);
    await this.deps.attachments.legacyDetach(caller, vol, attachmentId);
  }
}
