import { ZenithError } from "@zenith/core/errors";
import { z } from "zod";
import type { BlockDeviceRequest } from "../../../services/volume/boot-volumes.ts";
import { novaBool } from "../render-common.ts";

/** Nova takes numbers in block device mappings as numbers or numeric strings. */
const ZNumberish = z.union([
  z.int(),
  z
    .string()
    .regex(/^-?[0-9]{1,6}$/)
    .transform(Number),
]);

/** One `block_device_mapping_v2` entry (nova/api/openstack/compute/schemas/servers.py), bounded. */
const ZBdmV2 = z
  .object({
    source_type: z.enum(["image", "volume", "snapshot", "blank"]).optional(),
    destination_type: z.enum(["volume", "local"]).nullable().optional(),
    uuid: z.string().min(1).max(255).nullable().optional(),
    boot_index: ZNumberish.nullable().optional(),
    volume_size: ZNumberish.pipe(
      z
        .int()
        .min(1)
        .max(16 * 1024),
    )
      .nullable()
      .optional(),
    delete_on_termination: novaBool.optional(),
    device_name: z.string().max(255).nullable().optional(),
    disk_bus: z.string().max(255).nullable().optional(),
    device_type: z.string().max(255).nullable().optional(),
    guest_format: z.string().max(255).nullable().optional(),
    volume_type: z.string().max(255).nullable().optional(),
    tag: z.string().max(60).optional(),
    no_device: z.unknown().optional(),
  })
  .loose();

/** The legacy `block_device_mapping` (v1): a volume or snapshot per device. */
const ZBdmV1 = z
  .object({
    device_name: z.string().max(255).nullable().optional(),
    volume_id: z.string().max(255).nullable().optional(),
    snapshot_id: z.string().max(255).nullable().optional(),
    volume_size: ZNumberish.nullable().optional(),
    delete_on_termination: novaBool.optional(),
  })
  .loose();

export const ZBlockDevices = z.array(ZBdmV2).max(26);
export const ZLegacyBlockDevices = z.array(ZBdmV1).max(26);

/**
 * Nova's block device mappings as the volume side plans them: a missing
 * destination is `volume` for volumes, snapshots and blanks and `local`
 * for an image; a negative boot index means "do not boot from it". The
 * legacy form's devices are volumes (or snapshots); `vda` is the boot disk.
 */
export function blockDeviceRequests(
  v2: z.infer<typeof ZBlockDevices> | undefined,
  v1: z.infer<typeof ZLegacyBlockDevices> | undefined,
): BlockDeviceRequest[] {
  if (v2 && v1) {
    throw ZenithError.badRequest(
      "Using different block_device_mapping syntaxes is not allowed in the same request.",
    );
  }
  if (v1) {
    return v1.flatMap((d) => {
      const id = d.volume_id ?? d.snapshot_id;
      if (!id) return [];
      const boot = d.device_name === undefined || d.device_name === null || /(^|\/)vda$/.test(d.device_name);
      return [
        {
          sourceType: d.volume_id ? "volume" : "snapshot",
          destinationType: "volume",
          uuid: id,
          bootIndex: boot ? 0 : null,
          volumeSize: d.volume_size ?? null,
          deleteOnTermination: d.delete_on_termination ?? false,
          volumeType: null,
          tag: null,
        } satisfies BlockDeviceRequest,
      ];
    });
  }
  return (v2 ?? []).flatMap((d) => {
    if (d.no_device) return [];
    const source = d.source_type ?? (d.uuid ? "volume" : "blank");
    const destination = d.destination_type ?? (source === "image" ? "local" : "volume");
    const bootIndex =
      d.boot_index === undefined || d.boot_index === null || d.boot_index < 0 ? null : d.boot_index;
    return [
      {
        sourceType: source,
        destinationType: destination,
        uuid: d.uuid ?? null,
        bootIndex,
        volumeSize: d.volume_size ?? null,
        deleteOnTermination: d.delete_on_termination ?? false,
        volumeType: d.volume_type ?? null,
        tag: d.tag ?? null,
      },
    ];
  });
}
