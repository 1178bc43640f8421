import { AGENT_CONSOLE_PREFIX, COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import type { FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import { bearerMatches } from "../../services/compute/agent-hub/agent-token.ts";
import type { AgentHub } from "../../services/compute/agent-hub/hub.ts";
import type { ConsoleProxy } from "../../services/compute/consoles/proxy.ts";
import { refuseUpgrade, type UpgradeRouter } from "../upgrade-router.ts";

/** One protocol message is small; desired state of a big host stays well under this. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The agents' WebSockets, both with the agent token (401 otherwise): the
 * protocol socket on COMPUTE_AGENT_PATH is handed to the hub; console
 * sockets on AGENT_CONSOLE_PREFIX<session> to the console proxy.
 */
export function attachAgentWebSocket(
  app: FastifyInstance,
  router: UpgradeRouter,
  deps: { hub: AgentHub; consoles: ConsoleProxy; agentToken: string },
): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  router.add(
    (path) => path === COMPUTE_AGENT_PATH || path.startsWith(AGENT_CONSOLE_PREFIX),
    (req, socket, head, path) => {
      if (!bearerMatches(deps.agentToken, req.headers.authorization)) {
        app.log.warn({ remote: req.socket.remoteAddress, path }, "agent connection refused: bad token");
        refuseUpgrade(socket, 401, "Unauthorized");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Until (and unless) a session owns it, a malformed frame must not be an unhandled "error".
        ws.on("error", (err) => app.log.debug({ err, path }, "agent socket error"));
        if (path === COMPUTE_AGENT_PATH) return deps.hub.accept(ws, req.socket.remoteAddress);
        const sessionId = decodeURIComponent(path.slice(AGENT_CONSOLE_PREFIX.length));
        if (!deps.consoles.attachAgent(sessionId, ws)) ws.close(4004, "no such console session");
      });
    },
  );
  // Upgraded sockets keep the HTTP server open: end them before Fastify closes it.
  app.addHook("preClose", async () => {
    deps.consoles.closeAll();
    deps.hub.close();
    for (const client of wss.clients) client.terminate();
    wss.close();
  });
}
