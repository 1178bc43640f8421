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
}

export interface OpenConsoleParams {
  uuid: string;
  kind: ConsoleKind;
  sessionId: string;
}

/** A console socket buffers at most this much towards a slow browser before the guest side is paused. */
const HIGH_WATER_BYTES = 1024 * 1024;

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
    const ws = new WebSocket(consoleSocketUrl(this.options.controlUrl, params.sessionId), {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.options.dialTimeoutMs ?? 10_000,
    });
    // Before `open`: the proxy flushes keystrokes typed early in the same packet as the handshake.
    ws.on("message", (data: RawData) => {
      stream.write(toBuffer(data));
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

    stream.on("data", (chunk: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(chunk, { binary: true });
      // Backpressure: a guest printing faster than the browser reads waits for the socket to drain.
      if (ws.bufferedAmount > HIGH_WATER_BYTES) {
        stream.pause();
        const resume = setInterval(() => {
          if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount < HIGH_WATER_BYTES / 2) {
            clearInterval(resume);
            stream.resume();
          }
        }, 20);
      }
    });
    const finish = (reason: string) => {
      if (!this.open.delete(entry)) return;
      log.info({ reason }, "console relay closed");
      stream.destroy();
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000, reason);
    };
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
