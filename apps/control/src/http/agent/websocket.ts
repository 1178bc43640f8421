import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { AGENT_CONSOLE_PREFIX, COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import { NETWORK_AGENT_PATH } from "@zenith/agent-protocol/network";
import { VOLUME_AGENT_PATH } from "@zenith/agent-protocol/volume";
import type { FastifyInstance } from "fastify";
import { type WebSocket, WebSocketServer } from "ws";
import type { AgentCredentials } from "../../services/compute/agent-hub/credentials.ts";
import type { AgentHub } from "../../services/compute/agent-hub/hub.ts";
import type { ConsoleProxy } from "../../services/compute/consoles/proxy.ts";
import type { NetworkHub } from "../../services/network/hub/hub.ts";
import type { VolumeHub } from "../../services/volume/hub/hub.ts";
import { refuseUpgrade, type UpgradeRouter } from "../upgrade-router.ts";

/** One protocol message is small; desired state of a big host stays well under this. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The agents' WebSockets, all with an agent credential (401 otherwise):
 * the compute protocol socket on COMPUTE_AGENT_PATH is handed to the
 * compute hub and the network one on NETWORK_AGENT_PATH to the network
 * hub, both holding the host to the name its credential is bound to (a
 * host's compute and network agents share it); console sockets
 * on AGENT_CONSOLE_PREFIX<session> to the console proxy, which pairs them
 * only with sessions of the credential's own host.
 */
export function attachAgentWebSocket(
  app: FastifyInstance,
  router: UpgradeRouter,
  deps: {
    hub: AgentHub;
    networkHub: NetworkHub;
    volumeHub: VolumeHub;
    consoles: ConsoleProxy;
    credentials: AgentCredentials;
  },
): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const accept = async (req: IncomingMessage, socket: Duplex, head: Buffer, path: string) => {
    const principal = await deps.credentials.authenticate(req.headers.authorization);
    if (!principal) {
      app.log.warn({ remote: req.socket.remoteAddress, path }, "agent connection refused: bad credential");
      refuseUpgrade(socket, 401, "Unauthorized");
      return;
    }
    // Until (and unless) a session owns it, a malformed frame must not be an unhandled "error".
    const guard = (ws: WebSocket) =>
      ws.on("error", (err) => app.log.debug({ err, path }, "agent socket error"));
    const hubs = new Map<string, { accept: AgentHub["accept"] }>([
      [COMPUTE_AGENT_PATH, deps.hub],
      [NETWORK_AGENT_PATH, deps.networkHub],
      [VOLUME_AGENT_PATH, deps.volumeHub],
    ]);
    const hub = hubs.get(path);
    if (hub !== undefined) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        guard(ws);
        hub.accept(ws, req.socket.remoteAddress, principal);
      });
      return;
    }
    const sessionId = decodeSessionId(path.slice(AGENT_CONSOLE_PREFIX.length));
    const hostId = await deps.credentials.hostIdOf(principal);
    wss.handleUpgrade(req, socket, head, (ws) => {
      guard(ws);
      if (sessionId === null || hostId === undefined || !deps.consoles.attachAgent(sessionId, ws, hostId)) {
        ws.close(4004, "no such console session");
      }
    });
  };
  router.add(
    (path) =>
      path === COMPUTE_AGENT_PATH ||
      path === NETWORK_AGENT_PATH ||
      path === VOLUME_AGENT_PATH ||
      path.startsWith(AGENT_CONSOLE_PREFIX),
    (req, socket, head, path) => {
      accept(req, socket, head, path).catch((err: unknown) => {
        app.log.error({ err, path }, "agent credential check failed");
        refuseUpgrade(socket, 503, "Service Unavailable");
      });
    },
  );
  // Upgraded sockets keep the HTTP server open: end them before Fastify closes it.
  app.addHook("preClose", async () => {
    deps.consoles.closeAll();
    deps.hub.close();
    deps.networkHub.close();
    deps.volumeHub.close();
    for (const client of wss.clients) client.terminate();
    wss.close();
  });
}

/** A malformed escape (`%E0%A4%A`) names no session; decoding must not throw inside an upgrade callback. */
function decodeSessionId(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
