/**
 * An agent's one connection to the control plane: a WebSocket it dials
 * out (hosts need no inbound port), redialled forever with capped,
 * jittered exponential backoff, so control-plane restarts are survived.
 * Every (re)connect starts with `hello` carrying the host's actual state;
 * every frame in and out is checked against the protocol's schemas.
 *
 * Any agent protocol fits that shares the envelope the compute protocol
 * set: the control plane answers a hello with `welcome` (`hostId`,
 * `heartbeatIntervalS`), the agent beats `{type: "heartbeat"}`, and
 * `{type: "rpc", id, method}` is answered with `{type: "rpcResult", …}`.
 */
import { CLOSE_HOST_MISMATCH } from "@zenith/agent-protocol/enrolment";
import type { Logger } from "@zenith/core/logger";
import { type RawData, WebSocket } from "ws";
import { z } from "zod";
import { parseJson } from "./json.ts";

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** What the connection needs to know of one agent protocol (compute, network, volume…). */
export interface AgentProtocol<Out extends { type: string }, In extends { type: string }> {
  /** The WebSocket path on the control plane, e.g. `/agent/v1/compute`. */
  path: string;
  /** Every message the agent sends, hello, heartbeat and rpcResult included. */
  outbound: z.ZodType<Out>;
  /** Every message the control plane sends, welcome included. */
  inbound: z.ZodType<In>;
}

/** The envelope messages the connection itself sends and reads. */
const ZWelcome = z.object({
  type: z.literal("welcome"),
  hostId: z.string(),
  heartbeatIntervalS: z.number().positive(),
});

export interface ConnectionOptions<Out extends { type: string }, In extends { type: string }> {
  protocol: AgentProtocol<Out, In>;
  controlUrl: string;
  /** Read on every attempt, so a token written or rotated later is picked up. */
  token: () => Promise<string>;
  logger: Logger;
  /** Built on every connect from the current state. */
  hello: () => Promise<Out>;
  onMessage: (msg: In) => void;
  backoff?: Backoff;
  handshakeTimeoutMs?: number;
}

/** Enough of an rpc to answer one whose method this agent does not know, so the caller is not left waiting. */
const ZAnyRpc = z.object({ type: z.literal("rpc"), id: z.string().min(1), method: z.unknown() });

export function agentSocketUrl(controlUrl: string, path: string): string {
  return controlUrl.replace(/\/+$/, "").replace(/^http/, "ws") + path;
}

/** Full-range jitter over the upper half: spreads a fleet reconnecting after a control-plane restart. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: Backoff): number {
  const capped = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return capped / 2 + Math.random() * (capped / 2);
}

export class ControlConnection<Out extends { type: string }, In extends { type: string }> {
  private ws: WebSocket | undefined;
  /** True once `hello` went out on the current socket; messages before that wait in `queue`. */
  private ready = false;
  private queue: Out[] = [];
  private attempt = 0;
  private awaitingPong = false;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(private readonly options: ConnectionOptions<Out, In>) {
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
  send(msg: Out): void {
    const parsed = this.options.protocol.outbound.safeParse(msg);
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

  /** Envelope messages (heartbeat, rpcResult) go through the protocol's own schema like any other. */
  private sendEnvelope(msg: unknown): void {
    const parsed = this.options.protocol.outbound.safeParse(msg);
    if (parsed.success) this.send(parsed.data);
    else
      this.options.logger.error({ issues: parsed.error.issues }, "the protocol refuses an envelope message");
  }

  private write(msg: Out): void {
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
      log.warn({ err }, "no agent credential yet; retrying");
      return this.retry();
    }
    if (this.stopped) return;
    const url = agentSocketUrl(this.options.controlUrl, this.options.protocol.path);
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
      if (code === CLOSE_HOST_MISMATCH) {
        log.error(
          { code, reason: reason.toString() },
          "the control plane refused this host name for our credential",
        );
      } else if (this.ready)
        log.info({ code, reason: reason.toString() }, "disconnected from the control plane");
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
      const hello = this.options.protocol.outbound.parse(await this.options.hello());
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
    const parsed = this.options.protocol.inbound.safeParse(json);
    if (!parsed.success) {
      const rpc = ZAnyRpc.safeParse(json);
      if (rpc.success) {
        const message = `unsupported rpc method ${String(rpc.data.method)}`;
        this.sendEnvelope({
          type: "rpcResult",
          id: rpc.data.id,
          ok: false,
          error: { code: "Unsupported", message },
        });
      }
      log.warn({ issues: parsed.error.issues.slice(0, 5) }, "invalid frame from the control plane ignored");
      return;
    }
    const msg = parsed.data;
    const welcome = ZWelcome.safeParse(msg);
    if (welcome.success) this.welcome(ws, welcome.data.heartbeatIntervalS, welcome.data.hostId);
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
      this.sendEnvelope({ type: "heartbeat" });
    }, intervalS * 1000);
  }
}
