import {
  type DesiredInstance,
  type FlavorSpec,
  type ImageSpec,
  ZDesiredPower,
} from "@zenith/agent-protocol/compute";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import type { PrismaClient } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { z } from "zod";
import { type FlavorSnapshot, parseFlavorSnapshot } from "../flavor-snapshot.ts";
import { TaskState } from "../servers/states.ts";

const ZStringMap = z.record(z.string(), z.string());
const ZImageProperties = z.looseObject({
  kernel_id: z.string().optional(),
  ramdisk_id: z.string().optional(),
  os_command_line: z.string().min(1).max(1024).optional(),
});

export function flavorSpec(flavor: FlavorSnapshot): FlavorSpec {
  return {
    name: flavor.name,
    vcpus: flavor.vcpus,
    memoryMb: flavor.ram,
    rootGb: flavor.disk,
    ephemeralGb: flavor.ephemeral,
    swapMb: flavor.swap,
  };
}

function resizeFinish(taskState: string | null): DesiredInstance["resize"]["finish"] {
  if (taskState === TaskState.RESIZE_CONFIRMING) return "confirm";
  if (taskState === TaskState.RESIZE_REVERTING) return "revert";
  return "wait";
}

/**
 * Builds the protocol's desired record of each instance, with two batched
 * lookups (images, pending snapshots) whatever the number of instances.
 */
export async function buildDesired(prisma: PrismaClient, instances: Instance[]): Promise<DesiredInstance[]> {
  const imageIds = [...new Set(instances.flatMap((i) => (i.imageId ? [i.imageId] : [])))];
  const images =
    imageIds.length === 0
      ? []
      : await prisma.image.findMany({
          where: { id: { in: imageIds } },
          select: { id: true, diskFormat: true, properties: true },
        });
  const imageById = new Map(images.map((i) => [i.id, i]));
  const snapshotting = instances.filter((i) => i.taskState === TaskState.IMAGE_SNAPSHOT).map((i) => i.id);
  const snapshots = new Map<string, string[]>();
  for (const instanceId of snapshotting) {
    const pending = await prisma.image.findMany({
      where: {
        deletedAt: null,
        status: { in: ["queued", "saving"] },
        properties: { path: ["instance_uuid"], equals: instanceId },
      },
      select: { id: true },
    });
    snapshots.set(
      instanceId,
      pending.map((p) => p.id),
    );
  }
  const bootVolumeImages = await bootVolumeImagesOf(prisma, instances);
  const ports = await guestPorts(prisma, instances);
  const volumes = await guestVolumes(prisma, instances);
  return instances.map((inst) => {
    let image: ImageSpec | null = null;
    if (inst.imageId) {
      const row = imageById.get(inst.imageId);
      const props = ZImageProperties.safeParse(row?.properties ?? {});
      image = {
        id: inst.imageId,
        diskFormat: row?.diskFormat || "raw",
        ...(props.success && props.data.kernel_id ? { kernelId: props.data.kernel_id } : {}),
        ...(props.success && props.data.ramdisk_id ? { ramdiskId: props.data.ramdisk_id } : {}),
        ...(props.success && props.data.os_command_line ? { commandLine: props.data.os_command_line } : {}),
      };
    }
    // Booted from a volume: the volume's image lends its kernel, ramdisk and command line (AMI roots need them).
    if (!inst.imageId) image = bootVolumeImages.get(inst.id) ?? null;
    const metadata = ZStringMap.safeParse(inst.metadata);
    return {
      uuid: inst.id,
      name: inst.name,
      hostname: inst.hostname,
      generation: inst.generation,
      flavor: flavorSpec(parseFlavorSnapshot(inst.flavor)),
      image,
      userData: inst.userData,
      metadata: metadata.success ? metadata.data : {},
      power: ZDesiredPower.parse(inst.desiredPower),
      rebootSeq: inst.rebootSeq,
      rebootType: inst.rebootType === "HARD" ? "HARD" : "SOFT",
      rebuildSeq: inst.rebuildSeq,
      resize: { seq: inst.resizeSeq, finish: resizeFinish(inst.taskState) },
      snapshots: (snapshots.get(inst.id) ?? []).map((imageId) => ({ imageId })),
      ports: ports.get(inst.id) ?? [],
      volumes: volumes.get(inst.id) ?? [],
    };
  });
}

/**
 * The guest's network interfaces, eth0 first: each port bound to the
 * instance (Nova's order, then creation), with Neutron's tap name and the
 * network's MTU. One query for all instances.
 */
async function guestPorts(
  prisma: PrismaClient,
  instances: Instance[],
): Promise<Map<string, DesiredInstance["ports"]>> {
  const out = new Map<string, DesiredInstance["ports"]>();
  if (instances.length === 0) return out;
  const rows = await prisma.port.findMany({
    where: { deviceId: { in: instances.map((i) => i.id) }, deviceOwner: { startsWith: "compute:" } },
    select: {
      id: true,
      deviceId: true,
      macAddress: true,
      network: { select: { mtu: true } },
      instanceInterface: { select: { position: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const position = (r: (typeof rows)[number]) => r.instanceInterface?.position ?? Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => position(a) - position(b));
  for (const r of rows) {
    const list = out.get(r.deviceId) ?? [];
    list.push({ id: r.id, mac: r.macAddress, device: tapDeviceName(r.id), mtu: r.network.mtu });
    out.set(r.deviceId, list);
  }
  return out;
}

/** What the volume hub stores as an attachment's `connection_info` (rendered to callers, so no secret). */
export const ZNbdConnectionInfo = z.object({
  driver_volume_type: z.literal("nbd"),
  data: z.object({ host: z.string(), port: z.int(), export_name: z.string(), tls_username: z.string() }),
});

/**
 * The guest's volumes: every volume mapping of the instance that holds a
 * Cinder attachment, the boot volume first, then data disks in the order
 * they were attached. The connection is the one the volume host reported
 * for the attachment's export (null until it has).
 */
async function guestVolumes(
  prisma: PrismaClient,
  instances: Instance[],
): Promise<Map<string, DesiredInstance["volumes"]>> {
  const out = new Map<string, DesiredInstance["volumes"]>();
  if (instances.length === 0) return out;
  const mappings = await prisma.blockDeviceMapping.findMany({
    where: {
      instanceId: { in: instances.map((i) => i.id) },
      destinationType: "volume",
      attachmentId: { not: null },
      volumeId: { not: null },
    },
    select: {
      instanceId: true,
      volumeId: true,
      attachmentId: true,
      bootIndex: true,
      createdAt: true,
    },
    orderBy: { createdAt: "asc" },
  });
  const volumeIds = mappings.flatMap((m) => (m.volumeId ? [m.volumeId] : []));
  const sizes = new Map(
    (
      await prisma.volume.findMany({
        where: { id: { in: volumeIds } },
        select: { id: true, sizeGb: true, status: true },
      })
    ).map((v) => [v.id, v]),
  );
  const attachmentIds = mappings.flatMap((m) => (m.attachmentId ? [m.attachmentId] : []));
  const attachments =
    attachmentIds.length === 0
      ? []
      : await prisma.volumeAttachment.findMany({
          where: { id: { in: attachmentIds } },
          select: { id: true, attachMode: true, connectionInfo: true, exportSecret: true, status: true },
        });
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const boot = (b: number | null) => (b === null ? Number.MAX_SAFE_INTEGER : b);
  mappings.sort((a, b) => boot(a.bootIndex) - boot(b.bootIndex));
  for (const m of mappings) {
    const attachment = m.attachmentId ? byId.get(m.attachmentId) : undefined;
    if (!attachment || !m.volumeId || attachment.status === "detaching") continue;
    const size = sizes.get(m.volumeId);
    const info = ZNbdConnectionInfo.safeParse(attachment.connectionInfo);
    const connection =
      info.success && attachment.exportSecret
        ? {
            host: info.data.data.host,
            port: info.data.data.port,
            exportName: info.data.data.export_name,
            tlsUsername: info.data.data.tls_username,
            secret: attachment.exportSecret,
          }
        : null;
    const list = out.get(m.instanceId) ?? [];
    list.push({
      attachmentId: attachment.id,
      volumeId: m.volumeId,
      bootIndex: m.bootIndex,
      readOnly: attachment.attachMode === "ro",
      // While its host extends it the guest keeps the old size; the new one comes with the report.
      ...(size && size.status !== "extending" ? { sizeGb: size.sizeGb } : {}),
      connection,
    });
    out.set(m.instanceId, list);
  }
  return out;
}

const ZVolumeImage = z.looseObject({
  image_id: z.string().min(1),
  disk_format: z.string().optional(),
  kernel_id: z.string().min(1).optional(),
  ramdisk_id: z.string().min(1).optional(),
  os_command_line: z.string().min(1).max(1024).optional(),
});

/**
 * For servers booted from a volume made from an image: that image as the
 * volume remembers it (Cinder's volume_image_metadata), as Nova's libvirt
 * driver reads kernel and ramdisk from it. One query for all instances.
 */
export async function bootVolumeImagesOf(
  prisma: PrismaClient,
  instances: ReadonlyArray<{ id: string; imageId: string | null }>,
): Promise<Map<string, ImageSpec>> {
  const out = new Map<string, ImageSpec>();
  const ids = instances.filter((i) => !i.imageId).map((i) => i.id);
  if (ids.length === 0) return out;
  const mappings = await prisma.blockDeviceMapping.findMany({
    where: { instanceId: { in: ids }, bootIndex: 0, volumeId: { not: null } },
    select: { instanceId: true, volumeId: true },
  });
  const volumeIds = mappings.flatMap((m) => (m.volumeId ? [m.volumeId] : []));
  if (volumeIds.length === 0) return out;
  const volumes = await prisma.volume.findMany({
    where: { id: { in: volumeIds } },
    select: { id: true, imageMetadata: true },
  });
  const byId = new Map(volumes.map((v) => [v.id, v.imageMetadata]));
  for (const m of mappings) {
    const meta = ZVolumeImage.safeParse(m.volumeId ? byId.get(m.volumeId) : null);
    if (!meta.success) continue;
    out.set(m.instanceId, {
      id: meta.data.image_id,
      diskFormat: meta.data.disk_format || "raw",
      ...(meta.data.kernel_id ? { kernelId: meta.data.kernel_id } : {}),
      ...(meta.data.ramdisk_id ? { ramdiskId: meta.data.ramdisk_id } : {}),
      ...(meta.data.os_command_line ? { commandLine: meta.data.os_command_line } : {}),
    });
  }
  return out;
}
