/**
 * A control plane just big enough for the volume agent (tests only): the
 * WebSocket protocol (hello → welcome + the desired state; every frame
 * checked with the protocol's schemas) and the file routes, image bytes
 * down and up and backup bytes up and down, and metering batches, with the
 * host's credential.
 */
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { AGENT_SAMPLES_PATH, type SampleBatch } from "@zenith/agent-protocol/metering";
import { SampleSink } from "@zenith/agent-protocol/testing/sample-sink";
import {
  VOLUME_AGENT_PATH,
  type VolumeAgentMessage,
  type VolumeDesired,
  ZVolumeAgentMessage,
  ZVolumeDesired,
} from "@zenith/agent-protocol/volume";
import { type WebSocket, WebSocketServer } from "ws";

const FILE_ROUTE = /^\/agent\/v1\/(images|backups)\/([0-9a-f-]{36})\/file$/;

export function emptyDesired(): VolumeDesired {
  return {
    type: "desired",
    full: true,
    volumes: [],
    exports: [],
    uploads: [],
    backups: [],
    deleted: { volumes: [], snapshots: [] },
  };
}

export class TinyControl {
  readonly token = `cred-${randomUUID()}`;
  readonly received: VolumeAgentMessage[] = [];
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
  /** Files served and received: `<dir>/images/<id>`, `<dir>/backups/<id>`. */
  dir = "";
  /** Image files the control plane serves, by image id. */
  readonly images = new Map<string, string>();
  /** Files the agent PUT, by `images/<id>` or `backups/<id>` (backups are also served back). */
  readonly stored = new Map<string, string>();
  /** Requests refused (wrong credential) or for unknown files. */
  readonly refused: string[] = [];
  desired: VolumeDesired = emptyDesired();
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.dir === "") this.dir = await mkdtemp(join(tmpdir(), "zenith-tiny-control-"));
    const server = createServer((req, res) =>
      req.url === AGENT_SAMPLES_PATH ? void this.sink.handle(req, res) : void this.file(req, res),
    );
    server.on("upgrade", (req, socket, head) => {
      if (req.url !== VOLUME_AGENT_PATH || req.headers.authorization !== `Bearer ${this.token}`) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.socket = ws;
        ws.on("message", (data: Buffer) => {
          const parsed = ZVolumeAgentMessage.safeParse(JSON.parse(data.toString()));
          if (!parsed.success) {
            this.invalidFrames.push(data.toString());
            return;
          }
          this.received.push(parsed.data);
          if (parsed.data.type === "hello") {
            ws.send(JSON.stringify({ type: "welcome", hostId: "vh-1", heartbeatIntervalS: 1 }));
            ws.send(JSON.stringify(this.desired));
          }
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Replaces the desired state and sends it (the agent gets it again with every hello). */
  setDesired(desired: VolumeDesired): void {
    this.desired = ZVolumeDesired.parse(desired);
    this.socket?.send(JSON.stringify(this.desired));
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async cleanup(): Promise<void> {
    await this.stop();
    if (this.dir !== "") await rm(this.dir, { recursive: true, force: true });
  }

  of<T extends VolumeAgentMessage["type"]>(type: T): Array<Extract<VolumeAgentMessage, { type: T }>> {
    return this.received.filter((m): m is Extract<VolumeAgentMessage, { type: T }> => m.type === type);
  }

  /** The last hello or report's applied state. */
  lastApplied() {
    const last = this.received.findLast((m) => m.type === "hello" || m.type === "report");
    return last?.type === "hello" || last?.type === "report" ? last.applied : undefined;
  }

  private async file(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = FILE_ROUTE.exec(req.url ?? "");
    if (match === null || req.headers.authorization !== `Bearer ${this.token}`) {
      this.refused.push(`${req.method} ${req.url}`);
      res.writeHead(match === null ? 404 : 401).end();
      return;
    }
    const [, store = "", id = ""] = match;
    const key = `${store}/${id}`;
    try {
      if (req.method === "GET") {
        const path = store === "images" ? this.images.get(id) : this.stored.get(key);
        if (path === undefined) {
          this.refused.push(`GET ${req.url}`);
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ itemNotFound: { code: 404, message: `no ${key}` } }));
          return;
        }
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-length": (await stat(path)).size,
        });
        await pipeline(createReadStream(path), res);
      } else if (req.method === "PUT") {
        const path = join(this.dir, `${store}-${id}`);
        await pipeline(req, createWriteStream(path));
        this.stored.set(key, path);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  }
}
