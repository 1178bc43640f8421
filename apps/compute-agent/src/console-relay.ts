/**
 * Consoles without an inbound port on the host: when the control plane's
 * proxy has a browser waiting, it asks (rpc `openConsole`) and the agent
 * connects to the guest's console through the driver, then dials a
 * WebSocket of its own to the control plane and relays raw bytes both ways
 * until either side ends.
 */
import type { Duplex } from "node:stream";
import { agentConsolePath } from "@zenith/agent-protocol/compute";
import type { Logger } from "@zenith/core/logger";
import { type RawData, WebSocket } from "ws";
import type { ComputeDriver, ConsoleKind } from "./driver/types.ts";

export interface ConsoleRelayOptions {
  driver: ComputeDriver;
  controlUrl: string;
  token: () => Promise<string>;
  logger: Logger;
  /** How long the dial to the control plane may take. Default 10 s. */
  dialTimeoutMs?: number;
  /** Backpressure bounds (tests shrink them). */
  flow?: Partial<RelayFlow>;
}

export interface RelayFlow {
  /** Bytes queued on the socket towards the control plane at which the guest side is paused. */
  highWaterBytes: number;
  /** Queued bytes under which it resumes. */
  lowWaterBytes: number;
  /** Paused this long in either direction, the relay ends (the reader is not reading). */
  stallMs: number;
}

export interface OpenConsoleParams {
  uuid: string;
  kind: ConsoleKind;
  sessionId: string;
}

const DEFAULT_FLOW: RelayFlow = { highWaterBytes: 1024 * 1024, lowWaterBytes: 256 * 1024, stallMs: 30_000 };
/** Close code when a reader stayed behind too long (1013, "try again later"), as the proxy's. */
export const SLOW_READER_CODE = 1013;

export function consoleSocketUrl(controlUrl: string, sessionId: string): string {
  return controlUrl.replace(/\/+$/, "").replace(/^http/, "ws") + agentConsolePath(sessionId);
}

export class ConsoleRelay {
  private readonly open = new Set<{ ws: WebSocket; stream: Duplex }>();

  constructor(private readonly options: ConsoleRelayOptions) {}

  get size(): number {
    return this.open.size;
  }

  /** Resolves once bytes flow; rejects (with the driver's reason) when the console cannot be reached. */
  async start(params: OpenConsoleParams): Promise<void> {
    const { driver, logger } = this.options;
    const log = logger.child({ uuid: params.uuid, console: params.kind, session: params.sessionId });
    const token = await this.options.token();
    const endpoint = await driver.consoleEndpoint(params.uuid, params.kind);
    const stream = await endpoint.connect();
    const flow = { ...DEFAULT_FLOW, ...this.options.flow };
    const ws = new WebSocket(consoleSocketUrl(this.options.controlUrl, params.sessionId), {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.options.dialTimeoutMs ?? 10_000,
    });
    // A direction paused longer than the stall bound ends the relay; set once `finish` exists.
    let onStall = (_why: string) => {};
    const stalls = new Set<NodeJS.Timeout>();
    const stallTimer = (why: string) => {
      const timer = setTimeout(() => onStall(why), flow.stallMs);
      stalls.add(timer);
      return () => {
        clearTimeout(timer);
        stalls.delete(timer);
      };
    };
    // Before `open`: the proxy flushes keystrokes typed early in the same packet as the handshake.
    // Towards the guest: a console that does not take input fast enough pauses the socket.
    let inputStall: (() => void) | null = null;
    ws.on("message", (data: RawData) => {
      if (stream.write(toBuffer(data)) || inputStall) return;
      ws.pause();
      inputStall = stallTimer("console input stalled");
      stream.once("drain", () => {
        inputStall?.();
        inputStall = null;
        ws.resume();
      });
    });
    try {
      await opened(ws);
    } catch (err) {
      stream.destroy();
      throw err;
    }
    const entry = { ws, stream };
    this.open.add(entry);
    log.info("console relay open");

    // Towards the browser: a guest printing faster than the reader reads is paused (QEMU then
    // stops reading its chardev), resumed when the last queued frame has been written out.
    let outputStall: (() => void) | null = null;
    const drained = () => {
      if (!outputStall || ws.bufferedAmount > flow.lowWaterBytes) return;
      outputStall();
      outputStall = null;
      stream.resume();
    };
    stream.on("data", (chunk: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(chunk, { binary: true }, drained);
      if (!outputStall && ws.bufferedAmount > flow.highWaterBytes) {
        stream.pause();
        outputStall = stallTimer("console reader too slow");
      }
    });
    const finish = (reason: string, code = 1000) => {
      if (!this.open.delete(entry)) return;
      for (const timer of stalls) clearTimeout(timer);
      log.info({ reason, code }, "console relay closed");
      stream.destroy();
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        // A paused socket would never read the close reply.
        ws.resume();
        ws.close(code, reason);
      }
    };
    onStall = (why) => finish(why, SLOW_READER_CODE);
    stream.once("end", () => finish("console ended"));
    stream.once("close", () => finish("console closed"));
    stream.on("error", (err) => {
      log.debug({ err }, "console stream error");
      finish("console error");
    });
    ws.once("close", () => finish("control plane closed the session"));
    ws.on("error", (err) => log.debug({ err }, "console socket error"));
  }

  /** Ends every relay (agent stopping); guests are not touched. */
  closeAll(): void {
    for (const { ws, stream } of this.open) {
      stream.destroy();
      ws.terminate();
    }
    this.open.clear();
  }
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => {
      reject(new Error(`control plane refused the console socket: HTTP ${res.statusCode}`));
    });
  });
}

/** `ws` hands frames over as Buffer, ArrayBuffer or fragments, depending on its binaryType. */
export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
