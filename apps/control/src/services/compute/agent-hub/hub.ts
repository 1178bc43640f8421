import { randomUUID } from "node:crypto";
import {
  type ActualInstance,
  type ControlMessage,
  ZAgentMessage,
  ZControlMessage,
} from "@zenith/agent-protocol/compute";
import { CLOSE_CREDENTIAL_REVOKED } from "@zenith/agent-protocol/enrolment";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { type RawData, WebSocket } from "ws";
import { checkHostClaim, closeReason, readAgentFrame } from "../../agent-link/host-claim.ts";
import { SerialChain } from "../../agent-link/serial-chain.ts";
import { HEARTBEAT_INTERVAL_S } from "../host-liveness.ts";
import { TaskState } from "../servers/states.ts";
import type { AgentCredentials, AgentPrincipal } from "./credentials.ts";
import { buildDesired } from "./desired.ts";
import { type HelloMessage, upsertHost } from "./host-registry.ts";
import type { DesiredPublisher } from "./publisher.ts";
import type { Reconciler } from "./reconciler.ts";
import { AgentRpcError, PendingRpcs } from "./rpc.ts";
import type { TaskResults } from "./task-results.ts";

export interface AgentHubDeps {
  prisma: PrismaClient;
  logger: Logger;
  credentials: AgentCredentials;
  rpcTimeoutMs?: number;
}

/** One connected agent. `hostId` is set by its hello. */
interface Session {
  ws: WebSocket;
  /** Who authenticated the socket: its hello may only claim what this allows. */
  principal: AgentPrincipal;
  hostId: string | null;
  log: Logger;
  /** Messages of one agent are handled strictly in order. */
  queue: Promise<void>;
  /**
   * Reports the database did not take (a transaction that timed out under load), by instance:
   * the agent reports a state once, so each is applied again on the host's next heartbeat
   * unless a newer report of the instance comes first. At most one per instance of the host.
   */
  unapplied: Map<string, ActualInstance>;
}

/** The rpcs the control plane can ask an agent. */
export type RpcCall =
  | { method: "consoleOutput"; params: { uuid: string; length?: number } }
  | { method: "openConsole"; params: { uuid: string; kind: "serial" | "vnc"; sessionId: string } };

/**
 * The control-plane end of the compute-agent protocol: tracks connected
 * agents by host, applies their messages (hello, heartbeat, report,
 * taskResult, rpcResult) and sends desired state: the full host after each
 * hello, deltas whenever an instance changes. Outbound messages go through
 * one chain so an agent never sees an older state after a newer one.
 */
export class AgentHub implements DesiredPublisher {
  private readonly sessions = new Map<string, Session>();
  private readonly rpcs = new PendingRpcs();
  private readonly dirty = new Set<string>();
  private flushQueued = false;
  private readonly chain: SerialChain;
  private handlers: { reconciler: Reconciler; results: TaskResults } | null = null;

  constructor(private readonly deps: AgentHubDeps) {
    this.chain = new SerialChain(deps.logger, "sending desired state failed");
  }

  /** Wired after construction: the handlers need the hub as their publisher. */
  bind(handlers: { reconciler: Reconciler; results: TaskResults }): void {
    this.handlers = handlers;
  }

  isConnected(hostId: string): boolean {
    return this.sessions.has(hostId);
  }

  /** Takes over an authenticated WebSocket. */
  accept(ws: WebSocket, remote: string | undefined, principal: AgentPrincipal): void {
    const session: Session = {
      ws,
      principal,
      hostId: null,
      log: this.deps.logger.child({ agent: remote ?? "unknown" }),
      queue: Promise.resolve(),
      unapplied: new Map(),
    };
    ws.on("message", (data, isBinary) => {
      session.queue = session.queue
        .then(() => this.receive(session, data, isBinary))
        .catch((err: unknown) => session.log.error({ err }, "agent message failed"));
    });
    ws.on("close", () => this.detach(session));
    ws.on("error", (err) => session.log.warn({ err }, "agent socket error"));
  }

  instanceChanged(instanceId: string): void {
    this.dirty.add(instanceId);
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.chain.enqueue(async () => {
      this.flushQueued = false;
      const ids = [...this.dirty];
      this.dirty.clear();
      await this.flush(ids);
    });
  }

  instanceRemoved(hostId: string, instanceId: string): void {
    this.chain.enqueue(async () => {
      this.sendTo(hostId, { type: "desired", full: false, instances: [], deleted: [instanceId] });
    });
  }

  /** Asks the agent of `hostId` a synchronous question. */
  async rpc(hostId: string, call: RpcCall, timeoutMs = this.deps.rpcTimeoutMs ?? 10_000): Promise<unknown> {
    const session = this.sessions.get(hostId);
    if (!session) throw new AgentRpcError("unavailable", "The compute agent is not connected.");
    const id = randomUUID();
    const answer = this.rpcs.wait(id, hostId, timeoutMs);
    this.send(session, { type: "rpc", id, ...call });
    return answer;
  }

  /** Ends the session of the agent acting as `host` (its credential was revoked). */
  disconnectHost(host: string, why: string): void {
    for (const [hostId, session] of this.sessions) {
      if (session.principal.kind !== "host" || session.principal.host !== host) continue;
      session.log.info({ reason: why }, "agent disconnected by the control plane");
      this.sessions.delete(hostId);
      this.rpcs.dropHost(hostId);
      session.ws.close(CLOSE_CREDENTIAL_REVOKED, why);
    }
  }

  /** Desired-state publications queued or being sent (health metrics). */
  queuedPublications(): number {
    return this.chain.pending;
  }

  /** Resolves once every queued outbound message is sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain.idle();
  }

  close(): void {
    this.rpcs.dropAll();
    for (const session of this.sessions.values()) session.ws.terminate();
    this.sessions.clear();
  }

  private async receive(session: Session, data: RawData, isBinary: boolean): Promise<void> {
    const msg = readAgentFrame(ZAgentMessage, data, isBinary);
    if (msg instanceof Error) {
      session.log.warn({ err: msg, hostId: session.hostId }, "invalid agent message ignored");
      return;
    }
    if (msg.type === "hello") return this.hello(session, msg);
    const hostId = session.hostId;
    if (hostId === null || this.sessions.get(hostId) !== session) {
      session.log.warn({ type: msg.type }, "message before hello; closing");
      session.ws.close(1008, "hello first");
      return;
    }
    const handlers = this.requireHandlers();
    switch (msg.type) {
      case "heartbeat":
        await this.applyReports(session, hostId, [...session.unapplied.values()]);
        await this.deps.prisma.computeHost.update({
          where: { id: hostId },
          data: { lastHeartbeat: new Date() },
        });
        return;
      case "report":
        await this.applyReports(session, hostId, msg.instances);
        return;
      case "taskResult":
        await handlers.results.apply(hostId, msg);
        return;
      case "rpcResult":
        this.rpcs.settle(
          hostId,
          msg.id,
          msg.ok
            ? { ok: true, result: msg.result }
            : { ok: false, message: msg.error?.message ?? "rpc failed" },
        );
        return;
    }
  }

  /**
   * Applies each instance's report on its own: one the database refuses is kept for the next
   * heartbeat (see `Session.unapplied`) and does not keep the others from applying.
   */
  private async applyReports(session: Session, hostId: string, reports: ActualInstance[]): Promise<void> {
    const handlers = this.requireHandlers();
    for (const actual of reports) {
      session.unapplied.delete(actual.uuid);
      try {
        await handlers.reconciler.apply(hostId, actual);
      } catch (err) {
        session.unapplied.set(actual.uuid, actual);
        session.log.warn(
          { err, instanceId: actual.uuid, hostId },
          "agent report not applied; applying it again on the next heartbeat",
        );
      }
    }
  }

  private async hello(session: Session, hello: HelloMessage): Promise<void> {
    const refused = await checkHostClaim(this.deps.credentials, session.principal, hello.host);
    if (refused !== null) {
      session.log.warn(
        { claimed: hello.host, principal: session.principal, reason: refused.reason },
        "agent refused: it claims a host its credential does not allow",
      );
      session.ws.close(refused.code, closeReason(refused.reason));
      return;
    }
    const hostId = await upsertHost(this.deps.prisma, hello);
    const previous = this.sessions.get(hostId);
    if (previous && previous !== session) {
      previous.log.info({ hostId }, "agent replaced by a new connection");
      this.rpcs.dropHost(hostId);
      previous.ws.close(4000, "replaced");
    }
    session.hostId = hostId;
    session.log = this.deps.logger.child({ hostId, host: hello.host });
    this.sessions.set(hostId, session);
    session.log.info(
      { instances: hello.instances.length, agentVersion: hello.agentVersion },
      "agent connected",
    );
    this.send(session, { type: "welcome", hostId, heartbeatIntervalS: HEARTBEAT_INTERVAL_S });
    await this.applyReports(session, hostId, hello.instances);
    await new Promise<void>((resolve) => {
      this.chain.enqueue(async () => {
        try {
          await this.sendFull(hostId);
        } finally {
          resolve();
        }
      });
    });
  }

  /** The whole host: every live instance on it, and the ones being deleted. */
  private async sendFull(hostId: string): Promise<void> {
    const session = this.sessions.get(hostId);
    if (!session) return;
    const rows = await this.deps.prisma.instance.findMany({ where: { hostId, deletedAt: null } });
    const live = rows.filter((i) => i.taskState !== TaskState.DELETING);
    const deleted = rows.filter((i) => i.taskState === TaskState.DELETING).map((i) => i.id);
    const instances = await buildDesired(this.deps.prisma, live);
    this.send(session, { type: "desired", full: true, instances, deleted });
  }

  /** Deltas for changed instances, one message per connected host. */
  private async flush(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.deps.prisma.instance.findMany({ where: { id: { in: ids } } });
    const byHost = new Map<string, typeof rows>();
    for (const row of rows) {
      if (!row.hostId || !this.sessions.has(row.hostId)) continue;
      byHost.set(row.hostId, [...(byHost.get(row.hostId) ?? []), row]);
    }
    for (const [hostId, list] of byHost) {
      const gone = list.filter((i) => i.deletedAt !== null || i.taskState === TaskState.DELETING);
      const live = list.filter((i) => !gone.includes(i));
      const instances = await buildDesired(this.deps.prisma, live);
      this.sendTo(hostId, { type: "desired", full: false, instances, deleted: gone.map((i) => i.id) });
    }
  }

  private sendTo(hostId: string, msg: ControlMessage): void {
    const session = this.sessions.get(hostId);
    if (session) this.send(session, msg);
  }

  private send(session: Session, msg: ControlMessage): void {
    // Validated like inbound messages: a bug here must not reach an agent.
    const checked = ZControlMessage.parse(msg);
    if (session.ws.readyState === WebSocket.OPEN) session.ws.send(JSON.stringify(checked));
  }

  private detach(session: Session): void {
    const hostId = session.hostId;
    if (hostId === null || this.sessions.get(hostId) !== session) return;
    this.sessions.delete(hostId);
    this.rpcs.dropHost(hostId);
    session.log.info("agent disconnected");
  }

  private requireHandlers(): { reconciler: Reconciler; results: TaskResults } {
    if (!this.handlers) throw new Error("agent hub used before its handlers were bound");
    return this.handlers;
  }
}
