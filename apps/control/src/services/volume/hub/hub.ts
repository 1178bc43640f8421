import { CLOSE_CREDENTIAL_REVOKED } from "@zenith/agent-protocol/enrolment";
import {
  type VolumeApplied,
  type VolumeControlMessage,
  type VolumeHello,
  ZVolumeAgentMessage,
  ZVolumeControlMessage,
} from "@zenith/agent-protocol/volume";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { type RawData, WebSocket } from "ws";
import { AgentErrorNotes } from "../../agent-link/error-notes.ts";
import { checkHostClaim, closeReason, readAgentFrame } from "../../agent-link/host-claim.ts";
import { RetriedReport } from "../../agent-link/retried-report.ts";
import { SerialChain } from "../../agent-link/serial-chain.ts";
import type { AgentCredentials, AgentPrincipal } from "../../compute/agent-hub/credentials.ts";
import { HEARTBEAT_INTERVAL_S } from "../../compute/host-liveness.ts";
import type { InstanceVolumePublisher, VolumePublisher } from "../volumes/publisher.ts";
import { desiredFor } from "./desired.ts";
import { capacityColumns, upsertVolumeHost } from "./host-registry.ts";
import { applyVolumeReport } from "./reports.ts";

export type VolumeAgentError = VolumeApplied["errors"][number];

export interface VolumeHubDeps {
  prisma: PrismaClient;
  logger: Logger;
  credentials: AgentCredentials;
  /** Told when an attachment's connection changes, so the compute agent plugs it. */
  instances: InstanceVolumePublisher;
}

interface Session {
  ws: WebSocket;
  principal: AgentPrincipal;
  host: string | null;
  log: Logger;
  /** Messages of one agent are handled strictly in order. */
  queue: Promise<void>;
  /** The last desired state sent, as JSON: only changes are sent. */
  sentJson: string | null;
  /** Its last report, kept when the database did not take it. */
  report: RetriedReport<VolumeApplied>;
}

/**
 * The control-plane end of the volume agent protocol (cinder-volume's RPC
 * as desired state): tracks connected volume agents by host, applies
 * hello, heartbeats and reports, and sends each host its whole desired
 * state when it connects and whenever it changes. Publications go through
 * one chain, so an agent never sees an older state after a newer one and a
 * burst of changes makes one computation per host.
 */
export class VolumeHub implements VolumePublisher {
  private readonly sessions = new Map<string, Session>();
  private readonly chain: SerialChain;
  private publishQueued = false;
  private readonly errors = new AgentErrorNotes<VolumeAgentError>("volume agent failed");

  constructor(private readonly deps: VolumeHubDeps) {
    this.chain = new SerialChain(deps.logger, "publishing volume desired state failed");
  }

  isConnected(host: string): boolean {
    return this.sessions.has(host);
  }

  /** Convergence errors the host reported last (admins see them in os-services). */
  errorsOf(host: string): readonly VolumeAgentError[] {
    return this.errors.of(host);
  }

  accept(ws: WebSocket, remote: string | undefined, principal: AgentPrincipal): void {
    const session: Session = {
      ws,
      principal,
      host: null,
      log: this.deps.logger.child({ volumeAgent: remote ?? "unknown" }),
      queue: Promise.resolve(),
      sentJson: null,
      report: new RetriedReport("volume agent", (applied) => this.applyReport(session, applied)),
    };
    ws.on("message", (data, isBinary) => {
      session.queue = session.queue
        .then(() => this.receive(session, data, isBinary))
        .catch((err: unknown) => session.log.error({ err }, "volume agent message failed"));
    });
    ws.on("close", () => this.detach(session));
    ws.on("error", (err) => session.log.warn({ err }, "volume agent socket error"));
  }

  volumesChanged(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    this.chain.enqueue(async () => {
      this.publishQueued = false;
      await this.publish();
    });
  }

  /** Ends the session of the agent acting as `host` (its credential was revoked). */
  disconnectHost(host: string, why: string): void {
    const session = this.sessions.get(host);
    if (!session) return;
    session.log.info({ reason: why }, "volume agent disconnected by the control plane");
    this.sessions.delete(host);
    session.ws.close(CLOSE_CREDENTIAL_REVOKED, why);
  }

  /** Desired-state publications queued or being sent (health metrics). */
  queuedPublications(): number {
    return this.chain.pending;
  }

  /** Resolves once every queued publication is sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain.idle();
  }

  close(): void {
    for (const session of this.sessions.values()) session.ws.terminate();
    this.sessions.clear();
  }

  private async receive(session: Session, data: RawData, isBinary: boolean): Promise<void> {
    const msg = readAgentFrame(ZVolumeAgentMessage, data, isBinary);
    if (msg instanceof Error) {
      session.log.warn({ err: msg, host: session.host }, "invalid volume agent message ignored");
      return;
    }
    if (msg.type === "hello") return this.hello(session, msg);
    const host = session.host;
    if (host === null || this.sessions.get(host) !== session) {
      session.log.warn({ type: msg.type }, "message before hello; closing");
      session.ws.close(1008, "hello first");
      return;
    }
    if (msg.type === "heartbeat") {
      await session.report.retry(session.log);
      await this.deps.prisma.volumeHost.update({ where: { host }, data: { lastHeartbeat: new Date() } });
      return;
    }
    await this.received(session, host, msg.applied);
  }

  /** A whole-state report (in a hello or on its own): its errors noted, then applied or kept for retry. */
  private received(session: Session, host: string, applied: VolumeApplied): Promise<void> {
    this.errors.note(session.log, host, applied.errors);
    return session.report.apply(applied, session.log);
  }

  private async hello(session: Session, hello: VolumeHello): Promise<void> {
    const refused = await checkHostClaim(this.deps.credentials, session.principal, hello.host);
    if (refused !== null) {
      session.log.warn(
        { claimed: hello.host, principal: session.principal, reason: refused.reason },
        "volume agent refused: it claims a host its credential does not allow",
      );
      session.ws.close(refused.code, closeReason(refused.reason));
      return;
    }
    const hostId = await upsertVolumeHost(this.deps.prisma, hello);
    const previous = this.sessions.get(hello.host);
    if (previous && previous !== session) {
      previous.log.info("volume agent replaced by a new connection");
      previous.ws.close(4000, "replaced");
    }
    session.host = hello.host;
    session.log = this.deps.logger.child({ host: hello.host, component: "volume-hub" });
    this.sessions.set(hello.host, session);
    session.log.info(
      { driver: hello.driver, exportAddress: hello.exportAddress, agentVersion: hello.agentVersion },
      "volume agent connected",
    );
    this.send(session, { type: "welcome", hostId, heartbeatIntervalS: HEARTBEAT_INTERVAL_S });
    // A new connection gets its whole state even when unchanged: it may have restarted empty.
    session.sentJson = null;
    await this.received(session, hello.host, hello.applied);
    this.volumesChanged();
  }

  private async applyReport(session: Session, applied: VolumeApplied): Promise<void> {
    const host = session.host;
    if (host === null) return;
    await this.deps.prisma.volumeHost.update({
      where: { host },
      data: { lastHeartbeat: new Date(), ...capacityColumns(applied.capacity) },
    });
    const outcome = await applyVolumeReport(this.deps.prisma, session.log, host, applied);
    for (const instanceId of new Set(outcome.instances)) {
      await this.deps.instances.instanceVolumesChanged(instanceId);
    }
    if (outcome.republish) this.volumesChanged();
  }

  private async publish(): Promise<void> {
    for (const [host, session] of this.sessions) {
      const desired = await desiredFor(this.deps.prisma, host);
      const json = JSON.stringify(desired);
      if (json === session.sentJson) continue;
      try {
        this.send(session, desired);
      } catch (err) {
        session.log.error({ err }, "desired volume state failed validation; not sent");
        continue;
      }
      session.sentJson = json;
    }
  }

  private send(session: Session, msg: VolumeControlMessage): void {
    // Validated like inbound messages: a bug here must not reach an agent.
    const checked = ZVolumeControlMessage.parse(msg);
    if (session.ws.readyState === WebSocket.OPEN) session.ws.send(JSON.stringify(checked));
  }

  private detach(session: Session): void {
    const host = session.host;
    if (host === null || this.sessions.get(host) !== session) return;
    this.sessions.delete(host);
    session.log.info("volume agent disconnected");
  }
}
