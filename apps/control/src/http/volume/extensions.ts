import type { FastifyInstance } from "fastify";
import { authorizeVolume } from "../../policy/volume.ts";
import { VOLUME_EXTENSIONS } from "../../services/volume/extensions.ts";
import { volumeContext } from "./context.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";

/** `GET /extensions`: what tempest's test_list_extensions and `openstack extension list --volume` read. */
export function registerVolumeExtensionRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  app.get(`${VOLUME_BASE}/extensions`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:extensions");
    return { extensions: VOLUME_EXTENSIONS.map((e) => ({ ...e, links: [] })) };
  });
}
