/**
 * One listener for HTTP upgrades, dispatching by path: the agents' protocol
 * socket, their console sockets and the browsers' console sockets each
 * register a route. Unknown paths are refused instead of left hanging.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyInstance } from "fastify";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, path: string) => void;

interface Route {
  matches: (path: string) => boolean;
  handle: UpgradeHandler;
}

export class UpgradeRouter {
  private readonly routes: Route[] = [];

  constructor(app: FastifyInstance) {
    app.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node's HTTP server drops its own error listener from a socket before it
      // emits "upgrade": a client that resets the connection while a route is
      // still deciding (console tokens are checked in the database) would
      // otherwise raise an unhandled "error" and stop the whole control plane.
      socket.on("error", (err: NodeJS.ErrnoException) => {
        app.log.debug({ code: err.code, remote: req.socket.remoteAddress }, "upgrade socket failed");
        socket.destroy();
      });
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const route = this.routes.find((r) => r.matches(path));
      if (route) route.handle(req, socket, head, path);
      else refuseUpgrade(socket, 404, "Not Found");
    });
  }

  add(matches: (path: string) => boolean, handle: UpgradeHandler): void {
    this.routes.push({ matches, handle });
  }
}

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string, body = ""): void {
  // The client may be gone already (reset while we checked its credentials).
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  // The upgrade socket is not read any more, so a half-closed one would
  // linger until the peer closes; destroy it once the answer is flushed.
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
