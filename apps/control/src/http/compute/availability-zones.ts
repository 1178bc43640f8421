import type { FastifyInstance } from "fastify";
import { authorizeCompute } from "../../policy/compute.ts";
import { COMPUTE_BINARY } from "../../services/compute/hosts.ts";
import { computeContext } from "./context.ts";
import { novaTime } from "./render-common.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/**
 * `os-availability-zone`: the zones of the compute hosts. Zenith has no
 * separate conductor/scheduler services, so there is no "internal" zone.
 */
export function registerAvailabilityZoneRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const zones = env.compute.inventory.zones;

  app.get("/compute/v2.1/os-availability-zone", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-availability-zone:list", { projectId: ctx.projectId });
    const list = await zones.list();
    return {
      availabilityZoneInfo: list.map((z) => ({
        zoneName: z.name,
        zoneState: { available: z.available },
        hosts: null,
      })),
    };
  });

  // Zenith has no host aggregates (zones come from the hosts themselves), so the list is
  // honestly empty; `openstack hypervisor show` reads it and fails on a 404.
  app.get("/compute/v2.1/os-aggregates", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-aggregates:index");
    return { aggregates: [] };
  });

  app.get("/compute/v2.1/os-availability-zone/detail", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-availability-zone:detail");
    const list = await zones.list();
    return {
      availabilityZoneInfo: list.map((z) => ({
        zoneName: z.name,
        zoneState: { available: z.available },
        hosts: Object.fromEntries(
          z.hosts.map((h) => [
            h.host,
            {
              [COMPUTE_BINARY]: {
                active: h.active,
                available: h.available,
                updated_at: novaTime(h.updatedAt),
              },
            },
          ]),
        ),
      })),
    };
  });
}
