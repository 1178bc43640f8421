import type { PrismaClient } from "@zenith/db/client";
import { listVolumeZones, type VolumeZone } from "./availability-zones.ts";
import { VolumeQuotaService } from "./quotas.ts";
import { VolumeTypeService } from "./volume-types.ts";

/**
 * Every block-storage service, wired once per control-plane instance in
 * server.ts. Volumes, snapshots, attachments and the volume agents' hub
 * join here as they are built.
 */
export interface VolumeServices {
  types: VolumeTypeService;
  quotas: VolumeQuotaService;
  zones: { list(): Promise<VolumeZone[]> };
}

export function createVolumeServices(deps: { prisma: PrismaClient }): VolumeServices {
  return {
    types: new VolumeTypeService(deps.prisma),
    quotas: new VolumeQuotaService(deps.prisma),
    zones: { list: () => listVolumeZones(deps.prisma) },
  };
}
