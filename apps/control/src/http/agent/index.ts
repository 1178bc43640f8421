import type { FastifyInstance } from "fastify";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { UpgradeRouter } from "../upgrade-router.ts";
import { registerEnrolmentRoutes } from "./enrolment.ts";
import { registerAgentImageRoutes } from "./images.ts";
import { attachAgentWebSocket } from "./websocket.ts";

/** Everything compute agents talk to: enrolment, the protocol and console WebSockets, the image file endpoints. */
export function registerAgentRoutes(
  app: FastifyInstance,
  router: UpgradeRouter,
  servers: ServerServices,
  identity: IdentityServices,
): void {
  attachAgentWebSocket(app, router, {
    hub: servers.hub,
    consoles: servers.consoles.proxy,
    credentials: servers.agentCredentials,
  });
  registerEnrolmentRoutes(app, { identity, credentials: servers.agentCredentials, hub: servers.hub });
  registerAgentImageRoutes(app, servers);
}
