/**
 * One agent = the block storage of one host: its volume driver, its
 * connection to the control plane (`/agent/v1/volume`, the host's
 * credential) and its reconciler. `stop()` closes the agent's side only:
 * volumes stay, and export daemons keep serving guests until a new agent
 * adopts them.
 */
import {
  VOLUME_AGENT_PATH,
  VOLUME_PROTOCOL_VERSION,
  type VolumeAgentMessage,
  type VolumeControlMessage,
  type VolumeHello,
  ZVolumeAgentMessage,
  ZVolumeControlMessage,
  ZVolumeHello,
} from "@zenith/agent-protocol/volume";
import { AgentMetering } from "@zenith/agent-runtime/agent-metering";
import { type Backoff, ControlConnection } from "@zenith/agent-runtime/connection";
import type { Logger } from "@zenith/core/logger";
import type { VolumeDriver } from "./driver/types.ts";
import type { VolumeDriverKind } from "./driver-choice.ts";
import { volumeSamples } from "./metering.ts";
import { Reconciler } from "./reconciler.ts";
import { ControlFiles } from "./transfers.ts";

export const AGENT_VERSION = "0.1.0";

export const VOLUME_PROTOCOL = {
  path: VOLUME_AGENT_PATH,
  outbound: ZVolumeAgentMessage,
  inbound: ZVolumeControlMessage,
};

export interface VolumeAgentOptions {
  host: string;
  controlUrl: string;
  token: () => Promise<string>;
  /** Agent state (`state.json`): `hostStateDir(<data>, "volume", host)`. */
  stateDir: string;
  /** Temporary transfer files: `<storage folder>/transfers`. */
  transferDir: string;
  driver: VolumeDriver;
  driverKind: VolumeDriverKind;
  availabilityZone: string;
  /** Where compute hosts reach this host's exports. */
  exportAddress: string;
  /** Already bound to the host. */
  logger: Logger;
  resyncMs?: number;
  backoff?: Backoff;
  /** How often volumes and the storage are sampled (default 10 s). */
  meteringIntervalMs?: number;
}

export class VolumeAgent {
  readonly reconciler: Reconciler;
  readonly connection: ControlConnection<VolumeAgentMessage, VolumeControlMessage>;
  readonly metering: AgentMetering;
  private readonly log: Logger;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: VolumeAgentOptions) {
    this.log = options.logger;
    this.connection = new ControlConnection({
      protocol: VOLUME_PROTOCOL,
      controlUrl: options.controlUrl,
      token: options.token,
      logger: this.log.child({ component: "connection" }),
      hello: () => this.hello(),
      onMessage: (msg) => this.dispatch(msg),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
    this.reconciler = new Reconciler({
      driver: options.driver,
      files: new ControlFiles({
        controlUrl: options.controlUrl,
        token: options.token,
        dir: options.transferDir,
      }),
      stateDir: options.stateDir,
      send: (msg) => this.connection.send(msg),
      logger: this.log,
      ...(options.resyncMs === undefined ? {} : { resyncMs: options.resyncMs }),
    });
    this.metering = new AgentMetering({
      controlUrl: options.controlUrl,
      host: options.host,
      token: options.token,
      logger: this.log,
      read: async (at) =>
        volumeSamples({
          host: options.host,
          usage: await options.driver.usage(),
          desired: this.reconciler.desiredVolumes(),
          at,
        }),
      ...(options.meteringIntervalMs === undefined ? {} : { intervalMs: options.meteringIntervalMs }),
    });
  }

  async start(): Promise<void> {
    await this.options.driver.init();
    await this.reconciler.start();
    this.connection.start();
    this.metering.start();
    this.log.info(
      { controlUrl: this.options.controlUrl, driver: this.options.driverKind },
      "volume agent started",
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
    this.log.info("volume agent stopped; volumes and exports left in place");
  }

  private dispatch(msg: VolumeControlMessage): void {
    if (msg.type === "desired") this.reconciler.onDesired(msg);
  }

  private async hello(): Promise<VolumeHello> {
    const applied = await this.reconciler.applied();
    this.reconciler.helloSent(applied);
    return ZVolumeHello.parse({
      type: "hello",
      protocol: VOLUME_PROTOCOL_VERSION,
      host: this.options.host,
      agentVersion: AGENT_VERSION,
      driver: this.options.driverKind,
      availabilityZone: this.options.availabilityZone,
      exportAddress: this.options.exportAddress,
      applied,
    });
  }
}
