import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "./caller.ts";
import { findVolume } from "./volumes/lookup.ts";
import type { VolumePublisher } from "./volumes/publisher.ts";
import type { VolumeService } from "./volumes/service.ts";
import { AttachmentStatus, VolumeStatus } from "./volumes/states.ts";

/** One entry of Nova's `block_device_mapping_v2`, validated by the HTTP layer. */
export interface BlockDeviceRequest {
  sourceType: "image" | "volume" | "snapshot" | "blank";
  destinationType: "volume" | "local";
  uuid: string | null;
  bootIndex: number | null;
  volumeSize: number | null;
  deleteOnTermination: boolean;
  volumeType: string | null;
  tag: string | null;
}

/** What a server create will do with its block devices, checked before any row is written. */
export interface BootPlan {
  /** The image the server boots from locally (`imageRef`, or a local image mapping); null when it boots from a volume. */
  localImageId: string | null;
  /** Volumes to create or take, boot volume first. */
  volumes: BlockDeviceRequest[];
}

const GiB = 1024 ** 3;

/**
 * Boot from volume and volumes at build (Nova's block device mappings, as
 * its API validates them): image → new volume → boot, an existing volume,
 * a snapshot → new volume, blank data volumes. `prepare` refuses what
 * cannot work with Nova's 400s before the server exists; `provision` makes
 * the volumes and their attachments for one server; the volume agent
 * exports each once its disk exists and the compute agent boots from and
 * plugs them.
 */
export class BootVolumes {
  constructor(
    private readonly deps: { prisma: PrismaClient; volumes: VolumeService; publisher: VolumePublisher },
  ) {}

  async prepare(
    caller: VolumeCaller,
    imageRef: string | null,
    requests: readonly BlockDeviceRequest[],
    count: number,
  ): Promise<BootPlan> {
    const boot = requests.filter((r) => r.bootIndex === 0);
    if (boot.length > 1)
      throw ZenithError.badRequest(
        "Boot sequence for the instance and image/block device mapping combination is not valid.",
      );
    const plan: BootPlan = { localImageId: imageRef, volumes: [] };
    for (const r of requests) {
      if (r.destinationType === "local") {
        if (r.sourceType === "image" && r.bootIndex === 0 && r.uuid) {
          plan.localImageId = r.uuid;
          continue;
        }
        throw ZenithError.badRequest(
          "Block device mapping is invalid: only an image may be a local disk here (ephemeral and swap disks come from the flavor).",
        );
      }
      await this.check(caller, r, count);
      plan.volumes.push(r);
    }
    const bootVolume = plan.volumes.find((v) => v.bootIndex === 0);
    if (bootVolume) {
      if (bootVolume.sourceType === "blank") {
        throw ZenithError.badRequest(
          "Block device mapping is invalid: a blank volume cannot be booted from.",
        );
      }
      // Booting from the volume: the image (if any) only made it.
      plan.localImageId = null;
    } else if (plan.localImageId === null) {
      throw ZenithError.badRequest("Missing imageRef attribute");
    }
    plan.volumes.sort((a, b) => (a.bootIndex === 0 ? -1 : b.bootIndex === 0 ? 1 : 0));
    return plan;
  }

  private async check(caller: VolumeCaller, r: BlockDeviceRequest, count: number): Promise<void> {
    const invalid = (why: string) => ZenithError.badRequest(`Block device mapping is invalid: ${why}`);
    if (r.sourceType === "volume") {
      if (!r.uuid) throw invalid("a volume mapping needs the volume's uuid.");
      if (count > 1) throw ZenithError.badRequest("Cannot attach one or more volumes to multiple instances");
      const vol = await findVolume(this.deps.prisma, caller, r.uuid).catch(() => {
        throw ZenithError.badRequest(`Block Device Mapping is Invalid: failed to get volume ${r.uuid}.`);
      });
      if (vol.status !== VolumeStatus.AVAILABLE) {
        throw ZenithError.badRequest(
          `Block Device Mapping is Invalid: volume ${vol.id} status is ${vol.status}, not available.`,
        );
      }
      return;
    }
    if (r.volumeSize === null && r.sourceType !== "snapshot") {
      throw invalid(`a new volume from ${r.sourceType} needs volume_size.`);
    }
    if (r.sourceType === "image") {
      if (!r.uuid) throw invalid("an image mapping needs the image's uuid.");
      const image = await this.deps.prisma.image.findFirst({ where: { id: r.uuid, deletedAt: null } });
      const size = Number(image?.virtualSize ?? image?.size ?? 0);
      if (image && r.volumeSize !== null && r.volumeSize * GiB < size) {
        throw ZenithError.badRequest(
          `Volume is smaller than the minimum size specified in image metadata. Volume size is ${r.volumeSize * GiB} bytes, minimum size is ${size} bytes.`,
        );
      }
    }
  }

  /**
   * Makes the server's volumes (new ones `creating`, existing ones taken
   * `attaching`) with an attachment each (`attaching`, its host set once
   * the server is placed) and its block device mapping.
   */
  async provision(caller: VolumeCaller, userId: string, instanceId: string, plan: BootPlan): Promise<void> {
    const { prisma } = this.deps;
    let next = 1;
    for (const r of plan.volumes) {
      let volumeId: string;
      if (r.sourceType === "volume" && r.uuid) {
        const { count } = await prisma.volume.updateMany({
          where: { id: r.uuid, status: VolumeStatus.AVAILABLE, deletedAt: null },
          data: { status: VolumeStatus.ATTACHING },
        });
        if (count === 0) throw new ZenithError("CONFLICT", `Volume ${r.uuid} is no longer available.`);
        volumeId = r.uuid;
      } else {
        const created = await this.deps.volumes.create(caller, userId, {
          sizeGb: r.volumeSize ?? undefined,
          name: r.bootIndex === 0 ? `boot-${instanceId.slice(0, 8)}` : null,
          volumeType: r.volumeType,
          imageId: r.sourceType === "image" ? r.uuid : null,
          snapshotId: r.sourceType === "snapshot" ? r.uuid : null,
        });
        volumeId = created.id;
      }
      const device = r.bootIndex === 0 ? "/dev/vda" : `/dev/vd${String.fromCharCode(97 + next++)}`;
      await prisma.$transaction(async (tx) => {
        const attachment = await tx.volumeAttachment.create({
          data: {
            id: randomUUID(),
            volumeId,
            instanceId,
            mountpoint: device,
            status: AttachmentStatus.ATTACHING,
          },
        });
        await tx.blockDeviceMapping.create({
          data: {
            id: randomUUID(),
            instanceId,
            sourceType: r.sourceType,
            destinationType: "volume",
            bootIndex: r.bootIndex,
            deviceName: device,
            imageId: r.sourceType === "image" ? r.uuid : null,
            snapshotId: r.sourceType === "snapshot" ? r.uuid : null,
            volumeId,
            volumeSize: r.volumeSize,
            volumeType: r.volumeType,
            attachmentId: attachment.id,
            deleteOnTermination: r.deleteOnTermination,
            tag: r.tag,
          },
        });
      });
    }
  }

  /** The server is on `host`: its attachments are for that host, and the volume agents export them there. */
  async placed(instanceId: string, host: string): Promise<void> {
    const { count } = await this.deps.prisma.volumeAttachment.updateMany({
      where: { instanceId, status: { in: [AttachmentStatus.ATTACHING, AttachmentStatus.ATTACHED] } },
      data: { attachedHost: host, connector: { host } },
    });
    if (count > 0) this.deps.publisher.volumesChanged();
  }
}
