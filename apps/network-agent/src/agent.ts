/**
 * One agent = the networking of one host: its driver, its connection to
 * the control plane (`/agent/v1/network`, the host's credential) and its
 * reconciler. `stop()` closes the agent's side only: bridges, rules and
 * namespaces stay and keep carrying traffic until a new agent takes over.
 */
import { join } from "node:path";
import {
  NETWORK_AGENT_PATH,
  NETWORK_PROTOCOL_VERSION,
  type NetworkAgentMessage,
  type NetworkControlMessage,
  ZNetworkAgentMessage,
  ZNetworkControlMessage,
  ZNetworkHello,
} from "@zenith/agent-protocol/network";
import { AgentMetering } from "@zenith/agent-runtime/agent-metering";
import { type Backoff, ControlConnection } from "@zenith/agent-runtime/connection";
import type { Logger } from "@zenith/core/logger";
import type { z } from "zod";
import type { NetworkDriver } from "./driver/types.ts";
import { trafficSamples } from "./metering.ts";
import { Reconciler } from "./reconciler.ts";

export const AGENT_VERSION = "0.1.0";

export const NETWORK_PROTOCOL = {
  path: NETWORK_AGENT_PATH,
  outbound: ZNetworkAgentMessage,
  inbound: ZNetworkControlMessage,
};

export interface NetworkAgentOptions {
  host: string;
  controlUrl: string;
  token: () => Promise<string>;
  /** State under `<dataDir>/network/<host>/`. */
  dataDir: string;
  driver: NetworkDriver;
  tunnelIp: string;
  physicalNetworks: string[];
  /** Already bound to the host. */
  logger: Logger;
  resyncMs?: number;
  absentPollMs?: number;
  backoff?: Backoff;
  /** How often the routers' and floating IPs' counters are sampled (default 10 s). */
  meteringIntervalMs?: number;
}

export class NetworkAgent {
  readonly reconciler: Reconciler;
  readonly connection: ControlConnection<NetworkAgentMessage, NetworkControlMessage>;
  readonly metering: AgentMetering;
  private readonly log: Logger;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: NetworkAgentOptions) {
    this.log = options.logger;
    this.connection = new ControlConnection({
      protocol: NETWORK_PROTOCOL,
      controlUrl: options.controlUrl,
      token: options.token,
      logger: this.log.child({ component: "connection" }),
      hello: async () => this.hello(),
      onMessage: (msg) => this.dispatch(msg),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
    this.reconciler = new Reconciler({
      driver: options.driver,
      stateDir: join(options.dataDir, "network", options.host),
      send: (msg) => this.connection.send(msg),
      logger: this.log,
      ...(options.resyncMs === undefined ? {} : { resyncMs: options.resyncMs }),
      ...(options.absentPollMs === undefined ? {} : { absentPollMs: options.absentPollMs }),
    });
    this.metering = new AgentMetering({
      controlUrl: options.controlUrl,
      host: options.host,
      token: options.token,
      logger: this.log,
      read: async (at) => trafficSamples(await options.driver.trafficCounters(), at),
      ...(options.meteringIntervalMs === undefined ? {} : { intervalMs: options.meteringIntervalMs }),
    });
  }

  async start(): Promise<void> {
    await this.options.driver.init();
    await this.reconciler.start();
    this.connection.start();
    this.metering.start();
    this.log.info(
      { controlUrl: this.options.controlUrl, driver: this.options.driver.kind },
      "network agent started",
    );
  }

  /** Idempotent: a second call waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    await this.metering.stop();
    await this.connection.stop();
    await this.reconciler.stop();
    await this.options.driver.close();
    this.log.info("network agent stopped; networking left in place");
  }

  private dispatch(msg: NetworkControlMessage): void {
    if (msg.type === "desired") this.reconciler.onDesired(msg);
    else if (msg.type === "rpc")
      this.connection.send({ type: "rpcResult", id: msg.id, ok: true, result: {} });
  }

  private hello(): z.infer<typeof ZNetworkHello> {
    const applied = this.reconciler.applied();
    this.reconciler.helloSent(applied);
    return ZNetworkHello.parse({
      type: "hello",
      protocol: NETWORK_PROTOCOL_VERSION,
      host: this.options.host,
      agentVersion: AGENT_VERSION,
      driver: this.options.driver.kind,
      tunnelIp: this.options.tunnelIp,
      physicalNetworks: this.options.physicalNetworks,
      applied,
    });
  }
}
