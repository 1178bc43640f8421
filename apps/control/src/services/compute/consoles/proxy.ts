/**
 * The console proxy (Nova's novncproxy/serialproxy in one): pairs a
 * browser's WebSocket, authorised by a spent console token, with a
 * WebSocket the instance's compute agent dials back on request, and relays
 * frames both ways. Hosts need no inbound port and the browser never learns
 * where the guest runs.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "@zenith/core/logger";
import { type RawData, WebSocket } from "ws";
import type { AgentHub } from "../agent-hub/hub.ts";
import { DEFAULT_FLOW, type FlowLimits, relayFrames, SLOW_READER_CODE } from "./flow.ts";
import type { ConsoleGrant } from "./tokens.ts";

interface Session {
  id: string;
  grant: ConsoleGrant;
  browser: WebSocket;
  agent: WebSocket | null;
  /** Keystrokes typed before the agent's socket arrived, delivered in order once it does. */
  early: Array<{ data: RawData; isBinary: boolean }>;
  earlyBytes: number;
  earlyListener: (data: RawData, isBinary: boolean) => void;
  /** Stops the relays' stall timers. */
  stops: Array<() => void>;
  log: Logger;
}

/** A browser typing before the guest side is connected sends little; past this it is paused until the agent arrives. */
const MAX_EARLY_BYTES = 64 * 1024;
function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

/** WebSocket close reasons are limited to 123 bytes. */
const reason = (text: string): string => Buffer.from(text).subarray(0, 120).toString();

export class ConsoleProxy {
  private readonly sessions = new Map<string, Session>();

  private readonly flow: FlowLimits;

  constructor(
    private readonly deps: {
      /** Only its rpc: the proxy asks the host's agent to dial back. */
      hub: Pick<AgentHub, "rpc">;
      logger: Logger;
      openTimeoutMs?: number;
      /** Backpressure bounds of each direction (tests shrink them). */
      flow?: Partial<FlowLimits>;
    },
  ) {
    this.flow = { ...DEFAULT_FLOW, ...deps.flow };
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Takes over a browser socket whose token was valid and asks the agent to connect the guest's console. */
  attachBrowser(browser: WebSocket, grant: ConsoleGrant): void {
    const id = randomUUID();
    const log = this.deps.logger.child({
      console: grant.consoleType,
      instanceId: grant.instanceId,
      session: id,
    });
    const earlyListener = (data: RawData, isBinary: boolean) => {
      session.early.push({ data, isBinary });
      session.earlyBytes += rawLength(data);
      // Not a typist: stop reading until the agent's side can take it.
      if (session.earlyBytes > MAX_EARLY_BYTES) browser.pause();
    };
    const session: Session = {
      id,
      grant,
      browser,
      agent: null,
      early: [],
      earlyBytes: 0,
      earlyListener,
      stops: [],
      log,
    };
    this.sessions.set(id, session);
    log.info("console session opening");

    browser.on("message", earlyListener);
    browser.on("close", () => this.end(session, "browser closed"));
    browser.on("error", (err) => log.debug({ err }, "browser console socket error"));

    this.deps.hub
      .rpc(
        grant.hostId,
        {
          method: "openConsole",
          params: {
            uuid: grant.instanceId,
            kind: grant.consoleType === "novnc" ? "vnc" : "serial",
            sessionId: id,
          },
        },
        this.deps.openTimeoutMs ?? 15_000,
      )
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ err }, "console could not be opened");
        this.end(session, `console unavailable: ${message}`, 1011);
      });
  }

  /**
   * The agent's socket for session `id` (credential checked by the caller).
   * False when nobody waits for it, or when `hostId` (null: the deprecated
   * shared token) is not the host of the session's instance.
   */
  attachAgent(id: string, agent: WebSocket, hostId: string | null): boolean {
    const session = this.sessions.get(id);
    if (!session || session.agent !== null) return false;
    if (hostId !== null && hostId !== session.grant.hostId) {
      session.log.warn({ hostId }, "another host tried to attach to this console session");
      return false;
    }
    session.agent = agent;
    const { browser } = session;
    browser.off("message", session.earlyListener);
    for (const frame of session.early.splice(0)) agent.send(frame.data, { binary: frame.isBinary });
    session.earlyBytes = 0;
    // Each direction pauses its source while the other side reads slowly; a reader stuck too long ends the session.
    const stalled = (who: string) => () => this.end(session, `console ${who} too slow`, SLOW_READER_CODE);
    session.stops.push(
      relayFrames(browser, agent, this.flow, stalled("host")),
      relayFrames(agent, browser, this.flow, stalled("reader")),
    );
    browser.resume();
    agent.on("close", () => this.end(session, "console closed by the host"));
    agent.on("error", (err) => session.log.debug({ err }, "agent console socket error"));
    session.log.info("console session connected");
    return true;
  }

  /** Ends every session (control plane stopping). */
  closeAll(): void {
    for (const session of [...this.sessions.values()]) this.end(session, "control plane stopping", 1001);
  }

  private end(session: Session, why: string, code = 1000): void {
    if (!this.sessions.delete(session.id)) return;
    for (const stop of session.stops) stop();
    session.log.info({ reason: why, code }, "console session closed");
    for (const ws of [session.browser, session.agent]) {
      if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) {
        // A paused socket would never read the peer's close reply.
        ws.resume();
        ws.close(code, reason(why));
      }
    }
  }
}
