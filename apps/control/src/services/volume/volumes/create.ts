import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { Image } from "@zenith/db/generated";
import { findVisibleImage } from "../../image/lookup.ts";
import type { VolumeCaller } from "../caller.ts";
import { reserveVolumeQuota } from "../quota-reserve.ts";
import type { VolumeQuotaService } from "../quotas.ts";
import type { VolumeTypeService } from "../volume-types.ts";
import { findVolume, invalidVolume, VOLUME_INCLUDE, type VolumeRow } from "./lookup.ts";
import type { VolumePublisher } from "./publisher.ts";
import { placeVolume } from "./scheduler.ts";
import { HAS_DATA, SnapshotStatus, VolumeStatus } from "./states.ts";

/** Glance disk formats a volume can be made from (the agent converts them with qemu-img; an AMI root is a raw disk). */
const IMAGE_FORMATS = new Set(["qcow2", "raw", "vdi", "vhd", "vhdx", "ami"]);
const GiB = 1024 ** 3;

export interface NewVolume {
  sizeGb?: number | undefined;
  name?: string | null | undefined;
  description?: string | null | undefined;
  volumeType?: string | null | undefined;
  availabilityZone?: string | null | undefined;
  imageId?: string | null | undefined;
  snapshotId?: string | null | undefined;
  sourceVolumeId?: string | null | undefined;
  /** Restore: the volume is made from this backup's data (BackupService.restore checks it). */
  backupId?: string | null | undefined;
  metadata?: Record<string, string> | undefined;
  multiattach?: boolean | undefined;
}

export interface CreateDeps {
  prisma: PrismaClient;
  quotas: VolumeQuotaService;
  types: VolumeTypeService;
  publisher: VolumePublisher;
}

/** What the new volume is made from, resolved and checked before anything is written. */
interface Source {
  image: Image | null;
  snapshot: {
    id: string;
    volumeId: string;
    sizeGb: number;
    host: string | null;
    volumeTypeId: string;
  } | null;
  volume: VolumeRow | null;
}

/** The properties Cinder copies into `volume_image_metadata` (cinder/volume/flows/api/create_volume.py). */
function imageMetadataOf(image: Image): Record<string, string> {
  const props =
    typeof image.properties === "object" && image.properties !== null && !Array.isArray(image.properties)
      ? Object.fromEntries(
          Object.entries(image.properties).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
        )
      : {};
  return {
    ...props,
    image_id: image.id,
    image_name: image.name ?? "",
    disk_format: image.diskFormat ?? "",
    container_format: image.containerFormat ?? "",
    min_disk: String(image.minDisk),
    min_ram: String(image.minRam),
    checksum: image.checksum ?? "",
    size: String(image.size ?? 0),
  };
}

async function resolveSource(db: PrismaClient, caller: VolumeCaller, input: NewVolume): Promise<Source> {
  const named = [input.imageId, input.snapshotId, input.sourceVolumeId].filter((x) => x);
  if (named.length > 1) {
    throw ZenithError.badRequest(
      "Only one of imageRef, snapshot_id or source_volid may be specified, not multiple.",
    );
  }
  const source: Source = { image: null, snapshot: null, volume: null };
  if (input.imageId) {
    const viewer = caller.isAdmin
      ? { admin: true as const, projectId: caller.projectId }
      : { admin: false as const, projectId: caller.projectId };
    const image = await findVisibleImage(db, viewer, input.imageId).catch(() => {
      throw ZenithError.badRequest(`Invalid image identifier or unable to access requested image.`);
    });
    if (image.status !== "active") {
      throw ZenithError.badRequest(`Image ${image.id} is not active.`);
    }
    if (!IMAGE_FORMATS.has(image.diskFormat ?? "")) {
      throw ZenithError.badRequest(
        `Image ${image.id} has disk format ${image.diskFormat ?? "none"}; volumes are made from ${[...IMAGE_FORMATS].join(", ")} images.`,
      );
    }
    source.image = image;
  }
  if (input.snapshotId) {
    const snap = await db.volumeSnapshot.findFirst({
      where: {
        id: input.snapshotId,
        deletedAt: null,
        ...(caller.isAdmin ? {} : { projectId: caller.projectId }),
      },
      include: { volume: { select: { host: true, volumeTypeId: true } } },
    });
    if (!snap) throw ZenithError.notFound(`Snapshot ${input.snapshotId} could not be found.`);
    if (snap.status !== SnapshotStatus.AVAILABLE) {
      throw ZenithError.badRequest(
        `Invalid snapshot: Originating snapshot status must be one of 'available' values`,
      );
    }
    source.snapshot = {
      id: snap.id,
      volumeId: snap.volumeId,
      sizeGb: snap.sizeGb,
      host: snap.volume.host,
      volumeTypeId: snap.volume.volumeTypeId,
    };
  }
  if (input.sourceVolumeId) {
    const vol = await findVolume(db, caller, input.sourceVolumeId);
    if (!HAS_DATA.includes(vol.status)) {
      throw invalidVolume(`Unable to clone volumes that are in an error state; ${vol.id} is ${vol.status}.`);
    }
    source.volume = vol;
  }
  return source;
}

/** The size the volume gets: the one asked for, at least the source's. */
function sizeOf(input: NewVolume, source: Source): number {
  const minimum = source.snapshot?.sizeGb ?? source.volume?.sizeGb ?? 0;
  const size = input.sizeGb ?? (minimum > 0 ? minimum : undefined);
  if (size === undefined) {
    throw ZenithError.badRequest(
      "Invalid input received: size is required unless created from a snapshot or volume.",
    );
  }
  if (size < minimum) {
    const what = source.snapshot ? "snapshot" : "source volume";
    throw ZenithError.badRequest(
      `Invalid input received: Volume size '${size}'GB cannot be smaller than the ${what} size ${minimum}GB. They must be >= original ${what} size.`,
    );
  }
  const image = source.image;
  if (image) {
    const bytes = Number(image.virtualSize ?? image.size ?? 0);
    const needGb = Math.max(Math.ceil(bytes / GiB), image.minDisk);
    if (size < needGb) {
      throw ZenithError.badRequest(
        `Invalid input received: Size of specified image ${needGb}GB is larger than volume size ${size}GB.`,
      );
    }
  }
  return size;
}

/**
 * Cinder's volume create: checks the source, type, zone and quota, writes
 * the volume `creating` on a host with room (the source's host for clones
 * and snapshots, which live there) in one transaction, then tells the
 * volume hub. The agent makes the disk and reports it; the status follows.
 */
export async function createVolume(
  deps: CreateDeps,
  caller: VolumeCaller,
  userId: string,
  input: NewVolume,
): Promise<VolumeRow> {
  const { prisma } = deps;
  if (input.multiattach) {
    throw ZenithError.badRequest(
      "Invalid input received: multiattach volumes are not supported by this cloud.",
    );
  }
  const source = await resolveSource(prisma, caller, input);
  const sizeGb = sizeOf(input, source);
  const inheritedType = source.snapshot?.volumeTypeId ?? source.volume?.volumeTypeId;
  const type = await deps.types.resolve(caller, input.volumeType ?? inheritedType ?? null);
  const zone = input.availabilityZone ?? source.volume?.availabilityZone ?? "nova";
  const zones = await prisma.volumeHost.findMany({
    select: { availabilityZone: true },
    distinct: ["availabilityZone"],
  });
  if (input.availabilityZone && !zones.some((z) => z.availabilityZone === zone)) {
    throw ZenithError.badRequest(`Invalid input received: Availability zone '${zone}' is invalid.`);
  }
  const sourceHost = source.snapshot?.host ?? source.volume?.host ?? null;
  const id = randomUUID();
  const bootable = source.image !== null || source.volume?.bootable === true;
  const created = await reserveVolumeQuota(
    prisma,
    deps.quotas,
    caller.projectId,
    { typeName: type.name, volumes: 1, gigabytes: sizeGb, volumeSizeGb: sizeGb },
    async (tx: Prisma.TransactionClient) => {
      const host = await placeVolume(tx, sizeGb, zone, sourceHost);
      return tx.volume.create({
        data: {
          id,
          projectId: caller.projectId,
          userId,
          name: input.name ?? null,
          description: input.description ?? null,
          sizeGb,
          status: VolumeStatus.CREATING,
          volumeTypeId: type.id,
          availabilityZone: zone,
          bootable,
          metadata: input.metadata ?? {},
          ...(source.image
            ? { sourceImageId: source.image.id, imageMetadata: imageMetadataOf(source.image) }
            : {}),
          ...(source.volume?.imageMetadata ? { imageMetadata: source.volume.imageMetadata } : {}),
          snapshotId: source.snapshot?.id ?? null,
          sourceVolumeId: source.volume?.id ?? null,
          restoreBackupId: input.backupId ?? null,
          host,
          providerLocation: id,
          generation: 1,
        },
        include: VOLUME_INCLUDE,
      });
    },
  );
  deps.publisher.volumesChanged();
  return created;
}
