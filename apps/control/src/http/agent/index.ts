import type { FastifyInstance } from "fastify";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import type { UpgradeRouter } from "../upgrade-router.ts";
import { registerAgentImageRoutes } from "./images.ts";
import { attachAgentWebSocket } from "./websocket.ts";

/** Everything compute agents talk to: the protocol and console WebSockets and the image file endpoints. */
export function registerAgentRoutes(
  app: FastifyInstance,
  router: UpgradeRouter,
  servers: ServerServices,
): void {
  attachAgentWebSocket(app, router, {
    hub: servers.hub,
    consoles: servers.consoles.proxy,
    agentToken: servers.agentToken,
  });
  registerAgentImageRoutes(app, servers);
}
