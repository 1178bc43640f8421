import type { PrismaClient } from "@zenith/db/client";
import { isHostUp } from "./host-liveness.ts";

export interface ZoneHost {
  host: string;
  /** The service is enabled (`active` in Nova's detail view). */
  active: boolean;
  /** The agent heartbeats (`available`). */
  available: boolean;
  updatedAt: Date | null;
}

export interface Zone {
  name: string;
  /** Nova: a zone is available when at least one of its compute services is enabled. */
  available: boolean;
  hosts: ZoneHost[];
}

/** Availability zones are the zones of the compute hosts (Nova's `default_availability_zone` is "nova"). */
export class AvailabilityZoneService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(now = new Date()): Promise<Zone[]> {
    const hosts = await this.prisma.computeHost.findMany({ orderBy: { host: "asc" } });
    const zones = new Map<string, Zone>();
    for (const h of hosts) {
      const zone = zones.get(h.availabilityZone) ?? { name: h.availabilityZone, available: false, hosts: [] };
      zone.available ||= !h.disabled;
      zone.hosts.push({
        host: h.host,
        active: !h.disabled,
        available: isHostUp(h, now),
        updatedAt: h.lastHeartbeat,
      });
      zones.set(h.availabilityZone, zone);
    }
    return [...zones.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
