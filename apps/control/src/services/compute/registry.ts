import type { InventoryServices } from "./inventory.ts";
import type { QuotaService } from "./quotas.ts";
import type { ServerServices } from "./servers/registry.ts";

/**
 * Every compute service, wired once per control-plane instance in
 * server.ts. Inventory (flavors, key pairs, hosts, usage) and servers
 * (instances, actions, scheduler, agent hub) are built separately and
 * joined here.
 */
export interface ComputeServices {
  quotas: QuotaService;
  inventory: InventoryServices;
  servers: ServerServices;
}
