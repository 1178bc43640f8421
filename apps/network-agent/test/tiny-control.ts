/** A control plane just big enough for the network agent's protocol (tests only). */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  NETWORK_AGENT_PATH,
  type NetworkAgentMessage,
  type NetworkDesired,
  ZNetworkAgentMessage,
} from "@zenith/agent-protocol/network";
import { type WebSocket, WebSocketServer } from "ws";
import { desired } from "./specs.ts";

/** Just enough control plane: hello → welcome + the host's desired state; every frame schema-checked. */
export class TinyControl {
  readonly token = `cred-${randomUUID()}`;
  readonly received: NetworkAgentMessage[] = [];
  readonly invalid: unknown[] = [];
  desired: NetworkDesired = desired({});
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.on("upgrade", (req, socket, head) => {
      if (req.url !== NETWORK_AGENT_PATH || req.headers.authorization !== `Bearer ${this.token}`) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.socket = ws;
        ws.on("message", (data: Buffer) => {
          const parsed = ZNetworkAgentMessage.safeParse(JSON.parse(data.toString()));
          if (!parsed.success) {
            this.invalid.push(data.toString());
            return;
          }
          this.received.push(parsed.data);
          if (parsed.data.type === "hello") {
            ws.send(JSON.stringify({ type: "welcome", hostId: "h-1", heartbeatIntervalS: 1 }));
            ws.send(JSON.stringify(this.desired));
          }
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  send(msg: unknown): void {
    this.socket?.send(JSON.stringify(msg));
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  of<T extends NetworkAgentMessage["type"]>(type: T): Array<Extract<NetworkAgentMessage, { type: T }>> {
    return this.received.filter((m): m is Extract<NetworkAgentMessage, { type: T }> => m.type === type);
  }
}
