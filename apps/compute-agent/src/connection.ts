/**
 * The agent's one connection to the control plane: a WebSocket it dials
 * out (hosts need no inbound port), redialled forever with capped,
 * jittered exponential backoff, so control-plane restarts are survived.
 * Every (re)connect starts with `hello` carrying the host's actual state;
 * every frame in and out is checked against the protocol's schemas.
 */
import {
  type AgentMessage,
  COMPUTE_AGENT_PATH,
  type ControlMessage,
  ZAgentMessage,
  ZControlMessage,
} from "@zenith/agent-protocol/compute";
import type { Logger } from "@zenith/core/logger";
import { type RawData, WebSocket } from "ws";
import { z } from "zod";
import { parseJson } from "./json.ts";

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface ConnectionOptions {
  controlUrl: string;
  /** Read on every attempt, so a token written or rotated later is picked up. */
  token: () => Promise<string>;
  logger: Logger;
  /** Built on every connect from the current state. */
  hello: () => Promise<AgentMessage>;
  onMessage: (msg: ControlMessage) => void;
  backoff?: Backoff;
  handshakeTimeoutMs?: number;
}

/** Enough of an rpc to answer one whose method this agent does not know, so the caller is not left waiting. */
const ZAnyRpc = z.object({ type: z.literal("rpc"), id: z.string().min(1), method: z.unknown() });

export function agentSocketUrl(controlUrl: string): string {
  return controlUrl.replace(/\/+$/, "").replace(/^http/, "ws") + COMPUTE_AGENT_PATH;
}

/** Full-range jitter over the upper half: spreads a fleet reconnecting after a control-plane restart. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: Backoff): number {
  const capped = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return capped / 2 + Math.random() * (capped / 2);
}

export class ControlConnection {
  private ws: WebSocket | undefined;
  /** True once `hello` went out on the current socket; messages before that wait in `queue`. */
  private ready = false;
  private queue: AgentMessage[] = [];
  private attempt = 0;
  private awaitingPong = false;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(private readonly options: ConnectionOptions) {
    this.backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  }

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    void this.dial();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
    ws.close(1001, "agent stopping");
    const timer = setTimeout(() => ws.terminate(), 2_000);
    await closed;
    clearTimeout(timer);
  }

  /** Sends, queues until `hello` is out, or drops while disconnected (the next `hello` carries the state). */
  send(msg: AgentMessage): void {
    const parsed = ZAgentMessage.safeParse(msg);
    if (!parsed.success) {
      this.options.logger.error(
        { type: msg.type, issues: parsed.error.issues },
        "refusing to send an invalid message",
      );
      return;
    }
    if (this.ready) this.write(parsed.data);
    else if (this.ws?.readyState === WebSocket.OPEN || this.ws?.readyState === WebSocket.CONNECTING) {
      this.queue.push(parsed.data);
    } else this.options.logger.debug({ type: msg.type }, "disconnected; message dropped");
  }

  private write(msg: AgentMessage): void {
    this.ws?.send(JSON.stringify(msg), (err) => {
      if (err) this.options.logger.debug({ err, type: msg.type }, "send failed");
    });
  }

  private async dial(): Promise<void> {
    if (this.stopped) return;
    const log = this.options.logger;
    let token: string;
    try {
      token = await this.options.token();
    } catch (err) {
      log.warn({ err }, "no agent token yet");
      return this.retry();
    }
    if (this.stopped) return;
    const url = agentSocketUrl(this.options.controlUrl);
    const ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
    });
    this.ws = ws;
    this.ready = false;
    this.queue = [];
    this.awaitingPong = false;
    ws.on("pong", () => {
      this.awaitingPong = false;
    });
    ws.on("open", () => void this.greet(ws));
    ws.on("message", (data, isBinary) => this.receive(ws, data, isBinary));
    ws.on("error", (err) => log.warn({ err: err.message, url }, "control plane connection error"));
    ws.on("close", (code, reason) => {
      if (this.ws !== ws) return;
      // Failed dials are logged once, as errors, above; only a lost session is news.
      if (this.ready) log.info({ code, reason: reason.toString() }, "disconnected from the control plane");
      this.ws = undefined;
      this.ready = false;
      this.queue = [];
      clearInterval(this.heartbeatTimer);
      this.retry();
    });
  }

  private retry(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.options.logger.debug({ delayMs: Math.round(delay), attempt: this.attempt }, "reconnecting");
    this.retryTimer = setTimeout(() => void this.dial(), delay);
  }

  private async greet(ws: WebSocket): Promise<void> {
    try {
      const hello = ZAgentMessage.parse(await this.options.hello());
      if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify(hello));
      this.ready = true;
      for (const msg of this.queue.splice(0)) this.write(msg);
      this.options.logger.info("connected to the control plane; hello sent");
    } catch (err) {
      this.options.logger.error({ err }, "cannot build hello; reconnecting");
      ws.close(1011, "agent error");
    }
  }

  private receive(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const log = this.options.logger;
    if (isBinary) {
      log.warn("binary frame from the control plane ignored");
      return;
    }
    const json = parseJson(data.toString());
    const parsed = ZControlMessage.safeParse(json);
    if (!parsed.success) {
      const rpc = ZAnyRpc.safeParse(json);
      if (rpc.success) {
        const message = `unsupported rpc method ${String(rpc.data.method)}`;
        this.send({ type: "rpcResult", id: rpc.data.id, ok: false, error: { code: "Unsupported", message } });
      }
      log.warn({ issues: parsed.error.issues.slice(0, 5) }, "invalid frame from the control plane ignored");
      return;
    }
    const msg = parsed.data;
    if (msg.type === "welcome") this.welcome(ws, msg.heartbeatIntervalS, msg.hostId);
    try {
      this.options.onMessage(msg);
    } catch (err) {
      log.error({ err, type: msg.type }, "message handler failed");
    }
  }

  /**
   * Heartbeats at the control plane's interval. Each also pings: a peer
   * that vanished without closing (half-open TCP) has not answered by the
   * next beat, and the socket is dropped to redial.
   */
  private welcome(ws: WebSocket, intervalS: number, hostId: string): void {
    this.attempt = 0;
    this.options.logger.info({ hostId, heartbeatIntervalS: intervalS }, "welcomed by the control plane");
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      if (this.awaitingPong) {
        this.options.logger.warn("control plane stopped answering pings; reconnecting");
        ws.terminate();
        return;
      }
      this.awaitingPong = true;
      ws.ping();
      this.send({ type: "heartbeat" });
    }, intervalS * 1000);
  }
}
