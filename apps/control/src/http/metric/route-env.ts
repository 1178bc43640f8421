import type { IdentityServices } from "../../services/identity/registry.ts";
import type { MeteringServices } from "../../services/metering/registry.ts";

export interface MetricRouteEnv {
  identity: IdentityServices;
  metering: MeteringServices;
  publicUrl: () => string;
}

export const METRIC_V1 = "/metric/v1";
