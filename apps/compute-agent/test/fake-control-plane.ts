/**
 * A control plane small enough to read, speaking the compute protocol from
 * its schemas: the WebSocket endpoint (hello → welcome + full desired state,
 * deltas on demand, rpc), the agent image endpoints (GET/PUT) and the
 * metering endpoint (batches kept in `sampleBatches`). Every frame the
 * agent sends is checked against `ZAgentMessage`, every batch against
 * `ZSampleBatch`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import {
  type AgentMessage,
  COMPUTE_AGENT_PATH,
  type DesiredInstance,
  type DesiredMessage,
  ZAgentMessage,
} from "@zenith/agent-protocol/compute";
import { AGENT_SAMPLES_PATH, type SampleBatch, ZSampleBatch } from "@zenith/agent-protocol/metering";
import { type WebSocket, WebSocketServer } from "ws";
import { waitFor } from "./wait.ts";

export interface Received {
  conn: number;
  host: string | undefined;
  msg: AgentMessage;
}

type Of<T extends AgentMessage["type"]> = Extract<AgentMessage, { type: T }>;

function isType<T extends AgentMessage["type"]>(msg: AgentMessage, type: T): msg is Of<T> {
  return msg.type === type;
}

const IMAGE_PATH = /^\/agent\/v1\/images\/([^/]+)\/file$/;

export class FakeControlPlane {
  readonly token = `agent-${randomUUID()}`;
  readonly images = new Map<string, Buffer>();
  readonly uploads = new Map<string, { body: Buffer; contentType: string | undefined }>();
  readonly imageGets: string[] = [];
  readonly received: Received[] = [];
  /** Frames from the agent that failed the protocol schema: a test failure. */
  readonly invalid: unknown[] = [];
  /** Metering batches as posted, in order. */
  readonly sampleBatches: SampleBatch[] = [];
  /** Per host: what should be there, and what must go. */
  readonly desired = new Map<string, Map<string, DesiredInstance>>();
  readonly deleted = new Map<string, Set<string>>();
  heartbeatIntervalS = 1;
  private readonly sockets = new Map<string, WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private server: Server | undefined;
  private conns = 0;
  /** Upgrade attempts turned away for a bad token. */
  refused = 0;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.http(req, res));
    server.on("upgrade", (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes away as a crashed control plane would: sockets cut, port closed. */
  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  hostState(host: string): Map<string, DesiredInstance> {
    let map = this.desired.get(host);
    if (!map) {
      map = new Map();
      this.desired.set(host, map);
    }
    return map;
  }

  /** Records the instance and sends it as a delta. */
  put(host: string, inst: DesiredInstance): void {
    this.hostState(host).set(inst.uuid, inst);
    this.sendTo(host, { type: "desired", full: false, instances: [inst], deleted: [] });
  }

  remove(host: string, uuid: string): void {
    this.hostState(host).delete(uuid);
    const gone = this.deleted.get(host) ?? new Set();
    gone.add(uuid);
    this.deleted.set(host, gone);
    this.sendTo(host, { type: "desired", full: false, instances: [], deleted: [uuid] });
  }

  sendFull(host: string): void {
    this.sendTo(host, {
      type: "desired",
      full: true,
      instances: [...this.hostState(host).values()],
      deleted: [...(this.deleted.get(host) ?? [])],
    });
  }

  sendTo(host: string, msg: DesiredMessage | Record<string, unknown>): void {
    this.sendRaw(host, JSON.stringify(msg));
  }

  sendRaw(host: string, frame: string | Buffer): void {
    const ws = this.sockets.get(host);
    if (!ws) throw new Error(`host ${host} is not connected`);
    ws.send(frame, { binary: Buffer.isBuffer(frame) });
  }

  async rpc(host: string, method: string, params: Record<string, unknown>): Promise<Of<"rpcResult">> {
    const id = randomUUID();
    this.sendTo(host, { type: "rpc", id, method, params });
    return this.waitFor("rpcResult", (m) => m.id === id);
  }

  messages<T extends AgentMessage["type"]>(type: T, host?: string): Array<Of<T> & { conn: number }> {
    const out: Array<Of<T> & { conn: number }> = [];
    for (const r of this.received) {
      if (isType(r.msg, type) && (host === undefined || r.host === host))
        out.push({ ...r.msg, conn: r.conn });
    }
    return out;
  }

  /** The first message of `type` matching `match`, waiting for it. */
  waitFor<T extends AgentMessage["type"]>(
    type: T,
    match: (msg: Of<T> & { conn: number }) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<Of<T> & { conn: number }> {
    return waitFor(`a ${type} message`, () => this.messages(type).find(match), timeoutMs);
  }

  /** The latest report line for `uuid`, if any. */
  lastReport(uuid: string) {
    const lines = this.messages("report").flatMap((r) => r.instances.filter((i) => i.uuid === uuid));
    return lines.at(-1);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (req.url !== COMPUTE_AGENT_PATH || req.headers.authorization !== `Bearer ${this.token}`) {
      this.refused += 1;
      socket.end("HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.conns += 1;
    const conn = this.conns;
    let host: string | undefined;
    ws.on("message", (data) => {
      const parsed = ZAgentMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) {
        this.invalid.push(parsed.error.issues);
        return;
      }
      const msg = parsed.data;
      if (msg.type === "hello") host = msg.host;
      this.received.push({ conn, host, msg });
      if (msg.type === "hello") {
        this.sockets.set(msg.host, ws);
        ws.send(
          JSON.stringify({
            type: "welcome",
            hostId: `id-${msg.host}`,
            heartbeatIntervalS: this.heartbeatIntervalS,
          }),
        );
        this.sendFull(msg.host);
      }
    });
  }

  private async http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = IMAGE_PATH.exec(req.url ?? "")?.[1];
    const fault = (status: number, key: string, message: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ [key]: { code: status, message } }));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return fault(401, "unauthorized", "bad token");
    if (req.url === AGENT_SAMPLES_PATH && req.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(Buffer.from(chunk));
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = undefined;
      }
      const batch = ZSampleBatch.safeParse(body);
      if (!batch.success) {
        this.invalid.push(batch.error.issues);
        return fault(400, "badRequest", "invalid sample batch");
      }
      this.sampleBatches.push(batch.data);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: batch.data.samples.length, rejected: 0 }));
      return;
    }
    if (id === undefined) return fault(404, "itemNotFound", "no such endpoint");
    if (req.method === "GET") {
      this.imageGets.push(id);
      const image = this.images.get(id);
      if (!image) return fault(404, "itemNotFound", `Image ${id} could not be found.`);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": image.length });
      res.end(image);
      return;
    }
    if (req.method === "PUT") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(Buffer.from(chunk));
      this.uploads.set(id, { body: Buffer.concat(chunks), contentType: req.headers["content-type"] });
      res.writeHead(204).end();
      return;
    }
    fault(405, "badMethod", "method not allowed");
  }
}
