import { COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import type { FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import { bearerMatches } from "../../services/compute/agent-hub/agent-token.ts";
import type { AgentHub } from "../../services/compute/agent-hub/hub.ts";

/** One protocol message is small; desired state of a big host stays well under this. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The agents' WebSocket: upgrades on COMPUTE_AGENT_PATH with the agent
 * token (401 otherwise) are handed to the hub. Other upgrade paths are left
 * to other listeners (consoles later), or refused when there are none.
 */
export function attachAgentWebSocket(app: FastifyInstance, hub: AgentHub, agentToken: string): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  app.server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== COMPUTE_AGENT_PATH) {
      if (app.server.listenerCount("upgrade") === 1) socket.destroy();
      return;
    }
    if (!bearerMatches(agentToken, req.headers.authorization)) {
      app.log.warn({ remote: req.socket.remoteAddress }, "agent connection refused: bad token");
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, req.socket.remoteAddress));
  });
  // Upgraded sockets keep the HTTP server open: end them before Fastify closes it.
  app.addHook("preClose", async () => {
    hub.close();
    for (const client of wss.clients) client.terminate();
    wss.close();
  });
}
