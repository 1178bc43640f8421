import { randomUUID } from "node:crypto";
import type { VolumeCapacity, VolumeHello } from "@zenith/agent-protocol/volume";
import type { PrismaClient } from "@zenith/db/client";

const GiB = 1024 ** 3;

/** Capacity as the scheduler reads it: whole GiB, rounded down (never promise what is not there). */
export function capacityColumns(c: VolumeCapacity): { totalCapacityGb: number; freeCapacityGb: number } {
  return { totalCapacityGb: Math.floor(c.totalBytes / GiB), freeCapacityGb: Math.floor(c.freeBytes / GiB) };
}

/**
 * Registers or updates the volume host from its hello (by name: it keeps
 * its id across reconnects). `allocated_gb` is recomputed from the live
 * volumes placed on it, so a claim can never leak across restarts.
 */
export async function upsertVolumeHost(prisma: PrismaClient, hello: VolumeHello): Promise<string> {
  const now = new Date();
  const allocated = await prisma.volume.aggregate({
    where: { host: hello.host, deletedAt: null },
    _sum: { sizeGb: true },
  });
  const reported = {
    availabilityZone: hello.availabilityZone,
    driver: hello.driver,
    exportAddress: hello.exportAddress,
    version: hello.agentVersion,
    lastHeartbeat: now,
    allocatedGb: allocated._sum.sizeGb ?? 0,
    ...capacityColumns(hello.applied.capacity),
  };
  const row = await prisma.volumeHost.upsert({
    where: { host: hello.host },
    create: { id: randomUUID(), host: hello.host, ...reported },
    update: reported,
    select: { id: true },
  });
  return row.id;
}
