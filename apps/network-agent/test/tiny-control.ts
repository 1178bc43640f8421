/** A control plane just big enough for the network agent's protocol (tests only). */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AGENT_SAMPLES_PATH, type SampleBatch } from "@zenith/agent-protocol/metering";
import {
  NETWORK_AGENT_PATH,
  type NetworkAgentMessage,
  type NetworkDesired,
  ZNetworkAgentMessage,
} from "@zenith/agent-protocol/network";
import { SampleSink } from "@zenith/agent-protocol/testing/sample-sink";
import { type WebSocket, WebSocketServer } from "ws";
import { desired } from "./specs.ts";

/**
 * Just enough control plane: hello → welcome + the host's desired state;
 * metering batches kept; every frame and batch schema-checked.
 */
export class TinyControl {
  readonly token = `cred-${randomUUID()}`;
  readonly received: NetworkAgentMessage[] = [];
  private readonly invalidFrames: string[] = [];
  /** Metering batches the agent posted (`POST /agent/v1/metering/samples`). */
  private readonly sink = new SampleSink(this.token);
  get batches(): SampleBatch[] {
    return this.sink.batches;
  }
  /** Frames and sample batches that failed their schema (a test asserts there are none). */
  get invalid(): string[] {
    return [...this.invalidFrames, ...this.sink.invalid];
  }
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
      if (req.url === AGENT_SAMPLES_PATH) void this.sink.handle(req, res);
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
            this.invalidFrames.push(data.toString());
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
