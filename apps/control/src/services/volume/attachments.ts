import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "./caller.ts";
import { findVolume, invalidVolume, type VolumeRow } from "./volumes/lookup.ts";
import type { InstanceVolumePublisher, VolumePublisher } from "./volumes/publisher.ts";
import { AttachmentStatus, VolumeStatus } from "./volumes/states.ts";

export type AttachmentRow = Prisma.VolumeAttachmentGetPayload<object>;

export interface AttachmentDeps {
  prisma: PrismaClient;
  publisher: VolumePublisher;
  instances: InstanceVolumePublisher;
}

export function attachmentNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Volume attachment could not be found with filter: attachment_id = ${id}.`);
}

/** Guest devices after the root disk, in order (Nova's `get_next_device_name` for virtio). */
const DEVICES = Array.from({ length: 25 }, (_, i) => `/dev/vd${String.fromCharCode(98 + i)}`);

/**
 * Volume attachments, shared by the three ways in: Nova's
 * os-volume_attachments (attach = reserve + connect on the server's host),
 * Cinder's attachment API (3.27+) and the legacy os-attach/os-detach
 * bookkeeping actions. An attachment that names a compute host gets an
 * NBD export from the volume's agent; the compute agent of that host
 * plugs it and reports the guest device, which makes it `attached`.
 */
export class AttachmentService {
  constructor(private readonly deps: AttachmentDeps) {}

  /**
   * Nova's attach: the volume must be available in the server's project,
   * not attached to it already, and the server must have a host. Writes
   * the attachment (`attaching`, bound to the server's host) and the
   * server's block device mapping with the next free device, in one
   * transaction; the volume agent exports it and the compute agent plugs it.
   */
  async attachToServer(
    caller: VolumeCaller,
    server: { id: string; projectId: string; hostName: string },
    volumeId: string,
    opts: { deleteOnTermination?: boolean; tag?: string | null } = {},
  ): Promise<{ attachment: AttachmentRow; device: string }> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, volumeId).catch(() => {
      throw ZenithError.notFound(`Volume ${volumeId} could not be found.`);
    });
    if (vol.projectId !== server.projectId) {
      throw ZenithError.badRequest(`Volume ${volumeId} belongs to another project than the server.`);
    }
    if (vol.status !== VolumeStatus.AVAILABLE) {
      throw invalidVolume(`volume ${volumeId} status must be available to attach; it is ${vol.status}.`);
    }
    const result = await prisma.$transaction(async (tx) => {
      const taken = await tx.blockDeviceMapping.findMany({
        where: { instanceId: server.id },
        select: { deviceName: true, volumeId: true },
      });
      if (taken.some((b) => b.volumeId === volumeId)) {
        throw new ZenithError("CONFLICT", `Volume ${volumeId} is already attached to server ${server.id}.`);
      }
      const used = new Set(taken.map((b) => b.deviceName));
      const device = DEVICES.find((d) => !used.has(d));
      if (!device)
        throw new ZenithError("FORBIDDEN", "The server has no free device name for another volume.");
      const { count } = await tx.volume.updateMany({
        where: { id: volumeId, status: VolumeStatus.AVAILABLE, deletedAt: null },
        data: { status: VolumeStatus.ATTACHING },
      });
      if (count === 0) throw invalidVolume(`volume ${volumeId} changed status meanwhile; try again.`);
      const attachment = await tx.volumeAttachment.create({
        data: {
          id: randomUUID(),
          volumeId,
          instanceId: server.id,
          attachedHost: server.hostName,
          connector: { host: server.hostName },
          mountpoint: device,
          attachMode: vol.readonly ? "ro" : "rw",
          status: AttachmentStatus.ATTACHING,
        },
      });
      await tx.blockDeviceMapping.create({
        data: {
          id: randomUUID(),
          instanceId: server.id,
          sourceType: "volume",
          destinationType: "volume",
          deviceName: device,
          volumeId,
          attachmentId: attachment.id,
          deleteOnTermination: opts.deleteOnTermination ?? false,
          tag: opts.tag ?? null,
        },
      });
      return { attachment, device };
    });
    this.deps.publisher.volumesChanged();
    await this.deps.instances.instanceVolumesChanged(server.id);
    return result;
  }

  /**
   * Nova's detach: the attachment goes `detaching`; the compute agent
   * unplugs the disk, and its report (the attachment no longer listed)
   * finishes the detach and frees the volume. Boot volumes stay.
   */
  async detachFromServer(serverId: string, volumeId: string): Promise<void> {
    const { prisma } = this.deps;
    const bdm = await prisma.blockDeviceMapping.findFirst({ where: { instanceId: serverId, volumeId } });
    if (!bdm) throw ZenithError.notFound(`volume_id not found: ${volumeId}`);
    if (bdm.bootIndex === 0) {
      throw ZenithError.badRequest(`Cannot detach a root device volume (${volumeId}).`);
    }
    await prisma.$transaction(async (tx) => {
      if (bdm.attachmentId) {
        await tx.volumeAttachment.updateMany({
          where: { id: bdm.attachmentId },
          data: { status: AttachmentStatus.DETACHING },
        });
      }
      await tx.volume.updateMany({
        where: {
          id: volumeId,
          deletedAt: null,
          status: { in: [VolumeStatus.IN_USE, VolumeStatus.ATTACHING] },
        },
        data: { status: VolumeStatus.DETACHING },
      });
    });
    await this.deps.instances.instanceVolumesChanged(serverId);
  }

  /**
   * Applies what a compute agent reports of an instance's volumes: desired
   * attachments it lists are `attached` (volume `in-use`); `detaching` ones
   * it no longer lists are gone (mapping and attachment removed, volume
   * `available`, export dropped). Reports from agents that predate volumes
   * (`undefined`) change nothing.
   */
  async applyComputeReport(
    instanceId: string,
    reported: ReadonlyArray<{ attachmentId: string; device: string }> | undefined,
  ): Promise<void> {
    if (reported === undefined) return;
    const { prisma } = this.deps;
    const rows = await prisma.volumeAttachment.findMany({ where: { instanceId } });
    if (rows.length === 0) return;
    const present = new Map(reported.map((r) => [r.attachmentId, r.device]));
    let changed = false;
    for (const a of rows) {
      const device = present.get(a.id);
      if (a.status === AttachmentStatus.ATTACHING && device !== undefined) {
        await prisma.$transaction(async (tx) => {
          await tx.volumeAttachment.update({
            where: { id: a.id },
            data: { status: AttachmentStatus.ATTACHED, attachTime: new Date(), mountpoint: device },
          });
          await tx.volume.updateMany({
            where: {
              id: a.volumeId,
              deletedAt: null,
              status: { in: [VolumeStatus.ATTACHING, VolumeStatus.AVAILABLE] },
            },
            data: { status: VolumeStatus.IN_USE, attachStatus: "attached" },
          });
        });
        changed = true;
      } else if (a.status === AttachmentStatus.DETACHING && device === undefined) {
        await this.finishDetach(a);
        changed = true;
      }
    }
    if (changed) this.deps.publisher.volumesChanged();
  }

  /** The server is gone: its volumes are free again, and the ones marked delete_on_termination are deleted. */
  async serverDeleted(instanceId: string): Promise<string[]> {
    const { prisma } = this.deps;
    const mappings = await prisma.blockDeviceMapping.findMany({
      where: { instanceId, volumeId: { not: null } },
    });
    const toDelete: string[] = [];
    for (const bdm of mappings) {
      const attachment = bdm.attachmentId
        ? await prisma.volumeAttachment.findUnique({ where: { id: bdm.attachmentId } })
        : null;
      if (attachment) await this.finishDetach(attachment);
      if (bdm.deleteOnTermination && bdm.volumeId) toDelete.push(bdm.volumeId);
    }
    this.deps.publisher.volumesChanged();
    return toDelete;
  }

  private async finishDetach(a: AttachmentRow): Promise<void> {
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.blockDeviceMapping.deleteMany({ where: { attachmentId: a.id } });
      await tx.volumeAttachment.deleteMany({ where: { id: a.id } });
      const left = await tx.volumeAttachment.count({ where: { volumeId: a.volumeId } });
      if (left === 0) {
        await tx.volume.updateMany({
          where: {
            id: a.volumeId,
            deletedAt: null,
            status: { in: [VolumeStatus.DETACHING, VolumeStatus.IN_USE, VolumeStatus.ATTACHING] },
          },
          data: { status: VolumeStatus.AVAILABLE, attachStatus: "detached" },
        });
      }
    });
  }

  // ---- Cinder's attachment API (3.27+) and legacy actions

  async get(caller: VolumeCaller, id: string): Promise<AttachmentRow> {
    const row = await this.deps.prisma.volumeAttachment.findFirst({
      where: { id, volume: { deletedAt: null, ...(caller.isAdmin ? {} : { projectId: caller.projectId }) } },
    });
    if (!row) throw attachmentNotFound(id);
    return row;
  }

  async list(
    caller: VolumeCaller,
    q: {
      allProjects: boolean;
      volumeId?: string | undefined;
      instanceId?: string | undefined;
      limit: number;
    },
  ): Promise<AttachmentRow[]> {
    return this.deps.prisma.volumeAttachment.findMany({
      where: {
        volume: {
          deletedAt: null,
          ...(caller.isAdmin && q.allProjects ? {} : { projectId: caller.projectId }),
        },
        ...(q.volumeId ? { volumeId: q.volumeId } : {}),
        ...(q.instanceId ? { instanceId: q.instanceId } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit,
    });
  }

  /**
   * `POST /attachments`: reserves the volume for an instance; with a
   * connector (`host` = a compute host) the volume agent exports it for
   * that host at once. Cinder answers with the connection; here it follows
   * when the export is up (`GET` the attachment for `connection_info`).
   */
  async create(
    caller: VolumeCaller,
    input: { volumeId: string; instanceId: string | null; connectorHost: string | null; mode: "rw" | "ro" },
  ): Promise<AttachmentRow> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, input.volumeId);
    const allowed: string[] = [VolumeStatus.AVAILABLE, VolumeStatus.RESERVED];
    if (!allowed.includes(vol.status)) {
      throw invalidVolume(
        `Volume ${vol.id} status must be available or reserved to attach; it is ${vol.status}.`,
      );
    }
    if (vol.attachments.length > 0) {
      throw invalidVolume(`Volume ${vol.id} is already attached and is not multiattach.`);
    }
    const row = await prisma.$transaction(async (tx) => {
      await tx.volume.update({
        where: { id: vol.id },
        data: { status: input.connectorHost ? VolumeStatus.ATTACHING : VolumeStatus.RESERVED },
      });
      return tx.volumeAttachment.create({
        data: {
          id: randomUUID(),
          volumeId: vol.id,
          instanceId: input.instanceId,
          attachMode: input.mode,
          status: input.connectorHost ? AttachmentStatus.ATTACHING : AttachmentStatus.RESERVED,
          attachedHost: input.connectorHost,
          connector: input.connectorHost ? { host: input.connectorHost } : undefined,
        },
      });
    });
    this.deps.publisher.volumesChanged();
    return row;
  }

  /** `PUT /attachments/{id}` with a connector: the reservation becomes a connection for that host. */
  async connect(caller: VolumeCaller, id: string, connectorHost: string): Promise<AttachmentRow> {
    const a = await this.get(caller, id);
    const row = await this.deps.prisma.$transaction(async (tx) => {
      await tx.volume.updateMany({
        where: { id: a.volumeId, status: { in: [VolumeStatus.RESERVED, VolumeStatus.AVAILABLE] } },
        data: { status: VolumeStatus.ATTACHING },
      });
      return tx.volumeAttachment.update({
        where: { id },
        data: {
          attachedHost: connectorHost,
          connector: { host: connectorHost },
          status: AttachmentStatus.ATTACHING,
        },
      });
    });
    this.deps.publisher.volumesChanged();
    return row;
  }

  /** `os-complete`: the caller connected it; the volume is in-use. */
  async complete(caller: VolumeCaller, id: string): Promise<void> {
    const a = await this.get(caller, id);
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.volumeAttachment.update({
        where: { id },
        data: { status: AttachmentStatus.ATTACHED, attachTime: new Date() },
      });
      await tx.volume.update({
        where: { id: a.volumeId },
        data: { status: VolumeStatus.IN_USE, attachStatus: "attached" },
      });
    });
  }

  /** `DELETE /attachments/{id}` (and os-detach): the export goes and the volume is free when nothing else holds it. */
  async remove(caller: VolumeCaller, id: string): Promise<void> {
    const a = await this.get(caller, id);
    await this.finishDetach(a);
    this.deps.publisher.volumesChanged();
  }

  /** Legacy os-attach: bookkeeping only (the caller connected the volume itself), as Cinder's. */
  async legacyAttach(
    vol: VolumeRow,
    input: { instanceId: string | null; hostName: string | null; mountpoint: string; mode: "rw" | "ro" },
  ): Promise<void> {
    const allowed: string[] = [VolumeStatus.AVAILABLE, VolumeStatus.RESERVED, VolumeStatus.ATTACHING];
    if (!allowed.includes(vol.status)) {
      throw invalidVolume(
        `Volume ${vol.id} status must be available or attaching to attach; it is ${vol.status}.`,
      );
    }
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.volumeAttachment.create({
        data: {
          id: randomUUID(),
          volumeId: vol.id,
          instanceId: input.instanceId,
          attachedHost: null,
          connector: input.hostName ? { host: input.hostName } : undefined,
          mountpoint: input.mountpoint,
          attachMode: input.mode,
          status: AttachmentStatus.ATTACHED,
          attachTime: new Date(),
        },
      });
      await tx.volume.update({
        where: { id: vol.id },
        data: { status: VolumeStatus.IN_USE, attachStatus: "attached" },
      });
    });
  }

  /** Legacy os-detach: a bookkeeping attachment (or the one named) goes. */
  async legacyDetach(caller: VolumeCaller, vol: VolumeRow, attachmentId: string | undefined): Promise<void> {
    const target = attachmentId ? vol.attachments.find((a) => a.id === attachmentId) : vol.attachments[0];
    if (!target)
      throw invalidVolume(`Volume ${vol.id} is not attached${attachmentId ? ` with ${attachmentId}` : ""}.`);
    await this.remove(caller, target.id);
  }
}
