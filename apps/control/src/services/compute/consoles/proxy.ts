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
import type { ConsoleGrant } from "./tokens.ts";

interface Session {
  id: string;
  grant: ConsoleGrant;
  browser: WebSocket;
  agent: WebSocket | null;
  /** Keystrokes typed before the agent's socket arrived, delivered in order once it does. */
  early: Array<{ data: RawData; isBinary: boolean }>;
  log: Logger;
}

/** A browser typing before the guest side is connected sends little; more than this is not a console. */
const MAX_EARLY_FRAMES = 256;
/** WebSocket close reasons are limited to 123 bytes. */
const reason = (text: string): string => Buffer.from(text).subarray(0, 120).toString();

export class ConsoleProxy {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: { hub: AgentHub; logger: Logger; openTimeoutMs?: number }) {}

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
    const session: Session = { id, grant, browser, agent: null, early: [], log };
    this.sessions.set(id, session);
    log.info("console session opening");

    browser.on("message", (data, isBinary) => {
      if (session.agent?.readyState === WebSocket.OPEN) session.agent.send(data, { binary: isBinary });
      else if (session.early.length < MAX_EARLY_FRAMES) session.early.push({ data, isBinary });
    });
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
    for (const frame of session.early.splice(0)) agent.send(frame.data, { binary: frame.isBinary });
    agent.on("message", (data, isBinary) => {
      if (session.browser.readyState === WebSocket.OPEN) session.browser.send(data, { binary: isBinary });
    });
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
    session.log.info({ reason: why }, "console session closed");
    for (const ws of [session.browser, session.agent]) {
      if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) {
        ws.close(code, reason(why));
      }
    }
  }
}
