import type { FastifyInstance } from "fastify";
import { registerAvailabilityZoneRoutes } from "./availability-zones.ts";
import { registerFlavorAccessRoutes } from "./flavor-access.ts";
import { registerFlavorRoutes } from "./flavors.ts";
import { registerHypervisorRoutes } from "./hypervisors.ts";
import { registerComputeImageRoutes } from "./images.ts";
import { registerKeyPairRoutes } from "./keypairs.ts";
import { registerLimitRoutes } from "./limits.ts";
import { registerQuotaSetRoutes } from "./quota-sets.ts";
import type { ComputeRouteEnv } from "./route-env.ts";
import { registerServerRoutes } from "./servers/index.ts";
import { registerServiceRoutes } from "./services.ts";
import { registerUsageRoutes } from "./usage.ts";
import { registerVersionRoutes } from "./versions.ts";

/** Every route under /compute: the Nova v2.1 API (inventory here, servers from ./servers). */
export function registerComputeRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  registerVersionRoutes(app, env);
  registerFlavorRoutes(app, env);
  registerFlavorAccessRoutes(app, env);
  registerKeyPairRoutes(app, env);
  registerAvailabilityZoneRoutes(app, env);
  registerServiceRoutes(app, env);
  registerHypervisorRoutes(app, env);
  registerLimitRoutes(app, env);
  registerQuotaSetRoutes(app, env);
  registerUsageRoutes(app, env);
  registerServerRoutes(app, env);
  registerComputeImageRoutes(app, env);
}
