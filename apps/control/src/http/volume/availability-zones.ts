import type { FastifyInstance } from "fastify";
import { authorizeVolume } from "../../policy/volume.ts";
import { volumeContext } from "./context.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";

/** `GET /os-availability-zone` (availability-zone-list-response.json). */
export function registerVolumeZoneRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  app.get(`${VOLUME_BASE}/os-availability-zone`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:availability_zone_list");
    const zones = await env.volume.zones.list();
    return {
      availabilityZoneInfo: zones.map((z) => ({ zoneName: z.name, zoneState: { available: z.available } })),
    };
  });
}
