import type { FastifyInstance } from "fastify";
import type { ComputeRouteEnv } from "../route-env.ts";
import { registerServerActionRoutes } from "./actions.ts";
import { registerServerCrudRoutes } from "./crud.ts";
import { registerInstanceActionRoutes } from "./instance-actions.ts";
import { registerServerInterfaceRoutes } from "./interfaces.ts";
import { registerServerIpRoutes } from "./ips.ts";
import { registerServerMetadataRoutes } from "./metadata.ts";
import { registerRemoteConsoleRoutes } from "./remote-consoles.ts";
import { registerServerSecurityGroupRoutes } from "./security-groups.ts";
import { registerServerVolumeRoutes } from "./volume-attachments.ts";

/** `/compute/v2.1/servers` and everything under it. */
export function registerServerRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  registerServerCrudRoutes(app, env);
  registerServerActionRoutes(app, env);
  registerServerMetadataRoutes(app, env);
  registerInstanceActionRoutes(app, env);
  registerRemoteConsoleRoutes(app, env);
  registerServerInterfaceRoutes(app, env);
  registerServerIpRoutes(app, env);
  registerServerVolumeRoutes(app, env);
  registerServerSecurityGroupRoutes(app, env);
}
