import type { FastifyInstance } from "fastify";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import { registerAgentImageRoutes } from "./images.ts";
import { attachAgentWebSocket } from "./websocket.ts";

/** Everything compute agents talk to: the protocol WebSocket and the image file endpoints. */
export function registerAgentRoutes(app: FastifyInstance, servers: ServerServices): void {
  attachAgentWebSocket(app, servers.hub, servers.agentToken);
  registerAgentImageRoutes(app, servers);
}
