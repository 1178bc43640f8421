import type { PrismaClient } from "@zenith/db/client";

/** Cinder's storage_availability_zone: where volumes go when they name none. */
export const DEFAULT_VOLUME_ZONE = "nova";
/** A volume agent silent for longer than this is down (Cinder's service_down_time). */
export const VOLUME_HOST_DOWN_AFTER_S = 60;

export interface VolumeZone {
  name: string;
  available: boolean;
}

/**
 * Zones are those of the registered volume hosts, plus the default zone
 * even before any host registers (volumes are created in it). A zone is
 * available while one of its hosts is enabled and heard from recently.
 */
export async function listVolumeZones(prisma: PrismaClient, now = new Date()): Promise<VolumeZone[]> {
  const hosts = await prisma.volumeHost.findMany({
    select: { availabilityZone: true, disabled: true, lastHeartbeat: true },
  });
  const zones = new Map<string, boolean>([[DEFAULT_VOLUME_ZONE, false]]);
  for (const host of hosts) {
    const up =
      !host.disabled &&
      host.lastHeartbeat !== null &&
      now.getTime() - host.lastHeartbeat.getTime() <= VOLUME_HOST_DOWN_AFTER_S * 1000;
    zones.set(host.availabilityZone, (zones.get(host.availabilityZone) ?? false) || up);
  }
  return [...zones]
    .map(([name, available]) => ({ name, available }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
