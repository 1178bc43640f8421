import type { PrismaClient } from "@zenith/db/client";
import { AvailabilityZoneService } from "./availability-zones.ts";
import { FlavorService } from "./flavors.ts";
import { HostService } from "./hosts.ts";
import { KeyPairService } from "./keypairs.ts";
import type { QuotaService } from "./quotas.ts";
import { UsageService } from "./usage.ts";

/** The "inventory" half of compute: what exists and who may use how much of it. */
export interface InventoryServices {
  flavors: FlavorService;
  keypairs: KeyPairService;
  hosts: HostService;
  zones: AvailabilityZoneService;
  usage: UsageService;
}

export function createInventoryServices(prisma: PrismaClient, quotas: QuotaService): InventoryServices {
  return {
    flavors: new FlavorService(prisma),
    keypairs: new KeyPairService(prisma, quotas),
    hosts: new HostService(prisma),
    zones: new AvailabilityZoneService(prisma),
    usage: new UsageService(prisma),
  };
}
