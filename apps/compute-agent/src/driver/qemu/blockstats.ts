/**
 * Disk counters from QMP `query-blockstats`. With `-blockdev` + `-device`
 * QEMU reports each guest disk by its device's QOM path
 * (`/machine/peripheral/<device id>/virtio-backend`), `device` left empty;
 * the driver names each device id's guest disk (`root` → vda, a volume's
 * `vol…` id → the device it was given).
 */
import { z } from "zod";
import type { DiskCounters } from "../counters.ts";

const counter = z.int().nonnegative();
const blockstatsSchema = z.array(
  z
    .object({
      qdev: z.string().optional(),
      stats: z
        .object({
          rd_bytes: counter,
          wr_bytes: counter,
          rd_operations: counter,
          wr_operations: counter,
        })
        .loose(),
    })
    .loose(),
);

/** `/machine/peripheral/root/virtio-backend` → `root`; a device QEMU made itself (no id) → undefined. */
export function deviceIdOfQdev(qdev: string): string | undefined {
  const m = /^\/machine\/peripheral\/([^/]+)(?:\/virtio-backend)?$/.exec(qdev);
  return m?.[1];
}

/**
 * The counters of every disk `guestDevice` names (device id → `vda`, …);
 * block backends of devices it does not know (none expected) are left out.
 * Throws when the answer is not the shape QEMU documents.
 */
export function parseBlockstats(
  answer: unknown,
  guestDevice: (deviceId: string) => string | undefined,
): DiskCounters[] {
  const disks: DiskCounters[] = [];
  for (const entry of blockstatsSchema.parse(answer)) {
    const id = entry.qdev === undefined ? undefined : deviceIdOfQdev(entry.qdev);
    const device = id === undefined ? undefined : guestDevice(id);
    if (device === undefined) continue;
    const s = entry.stats;
    disks.push({
      device,
      readBytes: s.rd_bytes,
      writeBytes: s.wr_bytes,
      readRequests: s.rd_operations,
      writeRequests: s.wr_operations,
    });
  }
  return disks.sort((a, b) => a.device.localeCompare(b.device));
}

/**
 * Memory a balloon driver in the guest reports (QOM `guest-stats` of the
 * balloon device, once stats polling is on): total minus available, in MB;
 * undefined when the guest reports nothing (QEMU answers -1 for a stat it
 * has not received).
 */
const guestStatsSchema = z.object({
  stats: z
    .object({
      "stat-total-memory": z.number(),
      "stat-available-memory": z.number().optional(),
      "stat-free-memory": z.number(),
    })
    .loose(),
});

export function balloonUsedMb(guestStats: unknown): number | undefined {
  const parsed = guestStatsSchema.safeParse(guestStats);
  if (!parsed.success) return undefined;
  const s = parsed.data.stats;
  const total = s["stat-total-memory"];
  // MemAvailable when the guest's kernel reports it (as Ceilometer's libvirt pollster prefers), else MemFree.
  const available =
    (s["stat-available-memory"] ?? -1) >= 0 ? s["stat-available-memory"] : s["stat-free-memory"];
  if (total <= 0 || available === undefined || available < 0 || available > total) return undefined;
  return (total - available) / 1024 ** 2;
}
