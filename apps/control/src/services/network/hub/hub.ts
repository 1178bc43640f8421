import { CLOSE_CREDENTIAL_REVOKED } from "@zenith/agent-protocol/enrolment";
import {
  type AppliedState,
  type NetworkControlMessage,
  type NetworkDesired,
  ZNetworkAgentMessage,
  ZNetworkControlMessage,
} from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { type RawData, WebSocket } from "ws";
import { AgentErrorNotes } from "../../agent-link/error-notes.ts";
import { checkHostClaim, closeReason, readAgentFrame } from "../../agent-link/host-claim.ts";
import { RetriedReport } from "../../agent-link/retried-report.ts";
import { SerialChain } from "../../agent-link/serial-chain.ts";
import type { AgentCredentials, AgentPrincipal } from "../../compute/agent-hub/credentials.ts";
import { HEARTBEAT_INTERVAL_S } from "../../compute/host-liveness.ts";
import { DesiredStates } from "./desired-states.ts";
import type { DhcpPortFactory } from "./dhcp-port.ts";
import { type NetworkHelloMessage, upsertNetworkHost } from "./host-registry.ts";
import { isNetworkHostAlive } from "./liveness.ts";
import { applyReport, type SentState, sentStateOf } from "./reports.ts";
import type { PortWiring } from "./wiring.ts";

/** How services say that what network agents must apply changed. */
export interface NetworkPublisher {
  /**
   * Something relevant changed (a port, subnet, network, router, floating
   * IP, security group). `hosts` names the hosts known to be affected; as
   * VXLAN peers and remote-group members span hosts, every connected host
   * is recomputed anyway and only changed states are sent. Bursts coalesce.
   */
  networkChanged(hosts?: readonly string[]): void;
}

export type AgentError = AppliedState["errors"][number];

export interface NetworkHubDeps {
  prisma: PrismaClient;
  logger: Logger;
  credentials: AgentCredentials;
  wiring: PortWiring;
  createDhcpPort: DhcpPortFactory;
}

interface Session {
  ws: WebSocket;
  principal: AgentPrincipal;
  hostId: string | null;
  host: string | null;
  log: Logger;
  /** Messages of one agent are handled strictly in order. */
  queue: Promise<void>;
  /** The last desired state sent (as JSON, to send only changes) and its digests. */
  sentJson: string | null;
  sent: SentState;
  /** Its last report, kept when the database did not take it. */
  report: RetriedReport<AppliedState>;
}

/**
 * The control-plane end of the network agent protocol: tracks connected
 * network agents by host, applies hello, heartbeats and reports, and sends
 * each host its whole desired state when it connects and whenever it
 * changes. Publications go through one chain: an agent never sees an older
 * state after a newer one, and a burst of changes makes one computation.
 */
export class NetworkHub implements NetworkPublisher {
  private readonly sessions = new Map<string, Session>();
  private readonly chain: SerialChain;
  private publishQueued = false;
  /** Convergence errors each host reported last, kept for admins (/v2.0/agents configurations). */
  private readonly errors = new AgentErrorNotes<AgentError>("network agent failed to converge");
  private lastAlive = "";
  private readonly states: DesiredStates;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly deps: NetworkHubDeps) {
    this.chain = new SerialChain(deps.logger, "publishing network desired state failed");
    this.states = new DesiredStates(deps);
  }

  /** Watches heartbeats: a host going down or coming back changes VXLAN peers and DHCP placement. */
  start(): void {
    this.sweeper ??= setInterval(
      () =>
        this.sweep().catch((err: unknown) => this.deps.logger.warn({ err }, "network liveness sweep failed")),
      HEARTBEAT_INTERVAL_S * 1000,
    );
    this.sweeper.unref();
  }

  isConnected(host: string): boolean {
    return [...this.sessions.values()].some((s) => s.host === host);
  }

  errorsOf(host: string): readonly AgentError[] {
    return this.errors.of(host);
  }

  accept(ws: WebSocket, remote: string | undefined, principal: AgentPrincipal): void {
    const session: Session = {
      ws,
      principal,
      hostId: null,
      host: null,
      log: this.deps.logger.child({ networkAgent: remote ?? "unknown" }),
      queue: Promise.resolve(),
      sentJson: null,
      sent: { dhcp: new Map(), routers: new Map() },
      report: new RetriedReport("network agent", (applied) => this.applyReport(session, applied)),
    };
    ws.on("message", (data, isBinary) => {
      session.queue = session.queue
        .then(() => this.receive(session, data, isBinary))
        .catch((err: unknown) => session.log.error({ err }, "network agent message failed"));
    });
    ws.on("close", () => this.detach(session));
    ws.on("error", (err) => session.log.warn({ err }, "network agent socket error"));
  }

  networkChanged(_hosts?: readonly string[]): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    this.chain.enqueue(async () => {
      this.publishQueued = false;
      await this.publish();
    });
  }

  /** Ends the session of the agent acting as `host` (its credential was revoked). */
  disconnectHost(host: string, why: string): void {
    for (const [hostId, session] of this.sessions) {
      if (session.principal.kind !== "host" || session.principal.host !== host) continue;
      session.log.info({ reason: why }, "network agent disconnected by the control plane");
      this.sessions.delete(hostId);
      session.ws.close(CLOSE_CREDENTIAL_REVOKED, why);
    }
  }

  /** Re-reads liveness; publishes when a host went down or came back. */
  async sweep(): Promise<void> {
    const hosts = await this.deps.prisma.networkHost.findMany({
      select: { host: true, lastHeartbeat: true },
      orderBy: { host: "asc" },
    });
    const alive = hosts
      .filter((h) => isNetworkHostAlive(h))
      .map((h) => h.host)
      .join(",");
    if (alive === this.lastAlive) return;
    this.lastAlive = alive;
    this.states.placementDue = true;
    this.networkChanged();
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
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const session of this.sessions.values()) session.ws.terminate();
    this.sessions.clear();
  }

  private async receive(session: Session, data: RawData, isBinary: boolean): Promise<void> {
    const msg = readAgentFrame(ZNetworkAgentMessage, data, isBinary);
    if (msg instanceof Error) {
      session.log.warn({ err: msg, hostId: session.hostId }, "invalid network agent message ignored");
      return;
    }
    if (msg.type === "hello") return this.hello(session, msg);
    const { hostId, host } = session;
    if (hostId === null || host === null || this.sessions.get(hostId) !== session) {
      session.log.warn({ type: msg.type }, "message before hello; closing");
      session.ws.close(1008, "hello first");
      return;
    }
    switch (msg.type) {
      case "heartbeat":
        await session.report.retry(session.log);
        return this.heartbeat(hostId);
      case "report":
        return this.received(session, host, msg.applied);
      case "rpcResult":
        // The control plane asks network agents nothing yet; an answer has no question.
        return;
    }
  }

  private async hello(session: Session, hello: NetworkHelloMessage): Promise<void> {
    const refused = await checkHostClaim(this.deps.credentials, session.principal, hello.host);
    if (refused !== null) {
      session.log.warn(
        { claimed: hello.host, principal: session.principal, reason: refused.reason },
        "network agent refused: it claims a host its credential does not allow",
      );
      session.ws.close(refused.code, closeReason(refused.reason));
      return;
    }
    const hostId = await upsertNetworkHost(this.deps.prisma, hello);
    const previous = this.sessions.get(hostId);
    if (previous && previous !== session) {
      previous.log.info({ hostId }, "network agent replaced by a new connection");
      previous.ws.close(4000, "replaced");
    }
    session.hostId = hostId;
    session.host = hello.host;
    session.log = this.deps.logger.child({ hostId, host: hello.host, component: "network-hub" });
    this.sessions.set(hostId, session);
    session.log.info(
      {
        driver: hello.driver,
        tunnelIp: hello.tunnelIp,
        physnets: hello.physicalNetworks,
        agentVersion: hello.agentVersion,
      },
      "network agent connected",
    );
    this.send(session, { type: "welcome", hostId, heartbeatIntervalS: HEARTBEAT_INTERVAL_S });
    // A new connection gets its whole state even when unchanged: it may have restarted empty.
    session.sentJson = null;
    this.states.placementDue = true;
    await new Promise<void>((resolve) => {
      this.chain.enqueue(async () => {
        try {
          await this.publish();
        } finally {
          resolve();
        }
      });
    });
    await this.received(session, hello.host, hello.applied);
  }

  /** A whole-state report (in a hello or on its own): its errors noted, then applied or kept for retry. */
  private received(session: Session, host: string, applied: AppliedState): Promise<void> {
    this.errors.note(session.log, host, applied.errors);
    return session.report.apply(applied, session.log);
  }

  private async heartbeat(hostId: string): Promise<void> {
    const before = await this.deps.prisma.networkHost.findUnique({
      where: { id: hostId },
      select: { lastHeartbeat: true },
    });
    await this.deps.prisma.networkHost.update({ where: { id: hostId }, data: { lastHeartbeat: new Date() } });
    // Back from the dead (heartbeats resumed past the window): its networks need peers again.
    if (before && !isNetworkHostAlive(before)) {
      this.states.placementDue = true;
      this.networkChanged();
    }
  }

  private async applyReport(session: Session, applied: AppliedState): Promise<void> {
    if (session.host === null) return;
    const activated = await applyReport(this.deps.prisma, session.host, applied, session.sent);
    if (activated.length > 0) await this.deps.wiring.portsActivated(activated);
  }

  /** Schedules DHCP, computes every host's state from one snapshot, and sends each connected host what changed. */
  private async publish(): Promise<void> {
    if (this.sessions.size === 0) return;
    const all = await this.states.compute();
    for (const session of this.sessions.values()) {
      if (session.host === null) continue;
      const desired: NetworkDesired = all.get(session.host) ?? {
        type: "desired",
        full: true,
        networks: [],
        ports: [],
        dhcp: [],
        routers: [],
      };
      const json = JSON.stringify(desired);
      if (json === session.sentJson) continue;
      try {
        this.send(session, desired);
      } catch (err) {
        // One host's bad state must not keep the others from theirs.
        session.log.error({ err }, "desired network state failed validation; not sent");
        continue;
      }
      session.sentJson = json;
      session.sent = sentStateOf(desired);
    }
  }

  private send(session: Session, msg: NetworkControlMessage): void {
    // Validated like inbound messages: a bug here must not reach an agent.
    const checked = ZNetworkControlMessage.parse(msg);
    if (session.ws.readyState === WebSocket.OPEN) session.ws.send(JSON.stringify(checked));
  }

  private detach(session: Session): void {
    const hostId = session.hostId;
    if (hostId === null || this.sessions.get(hostId) !== session) return;
    this.sessions.delete(hostId);
    session.log.info("network agent disconnected");
  }
}
