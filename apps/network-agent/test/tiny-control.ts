/** A control plane just big enough for the network agent's protocol (tests only). */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AGENT_SAMPLES_PATH, type SampleBatch, ZSampleBatch } from "@zenith/agent-protocol/metering";
import {
  NETWORK_AGENT_PATH,
  type NetworkAgentMessage,
  type NetworkDesired,
  ZNetworkAgentMessage,
} from "@zenith/agent-protocol/network";
import { type WebSocket, WebSocketServer } from "ws";
import { desired } from "./specs.ts";

/**
 * Just enough control plane: hello → welcome + the host's desired state;
 * metering batches kept; every frame and batch schema-checked.
 */
export class TinyControl {
  readonly token = `cred-${randomUUID()}`;
  readonly received: NetworkAgentMessage[] = [];
  readonly invalid: unknown[] = [];
  readonly batches: SampleBatch[] = [];
  desired: NetworkDesired = desired({});
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.url === AGENT_SAMPLES_PATH) void this.samples(req, res);
      else res.writeHead(404).end();
    });
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

  /** `POST /agent/v1/metering/samples` with the host's credential: batches kept, all accepted. */
  private async samples(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401).end();
      return;
    }
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const batch = ZSampleBatch.safeParse(JSON.parse(body));
    if (!batch.success) {
      this.invalid.push(body);
      res.writeHead(400).end();
      return;
    }
    this.batches.push(batch.data);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ accepted: batch.data.samples.length, rejected: 0 }));
  }
}
