/**
 * One agent = one compute host: its driver, its connection to the control
 * plane and its reconciler. `stop()` closes the agent's side only; guests
 * keep running and the next `start()` (of this or a new process) adopts them.
 */
import { join } from "node:path";
import {
  type AgentMessage,
  COMPUTE_AGENT_PATH,
  COMPUTE_PROTOCOL_VERSION,
  type ControlMessage,
  ZAgentMessage,
  ZControlMessage,
  ZHello,
  ZHostResources,
} from "@zenith/agent-protocol/compute";
import { AgentMetering } from "@zenith/agent-runtime/agent-metering";
import { type Backoff, ControlConnection } from "@zenith/agent-runtime/connection";
import { ImageCache } from "@zenith/agent-runtime/image-cache";
import type { SampleShipper } from "@zenith/agent-runtime/metering";
import type { Logger } from "@zenith/core/logger";
import type { z } from "zod";
import { ConsoleRelay } from "./console-relay.ts";
import type { ComputeDriver } from "./driver/types.ts";
import { downloadImage } from "./images.ts";
import { readSamples } from "./metering.ts";
import { Reconciler } from "./reconciler.ts";
import { answerRpc } from "./rpc.ts";

export const AGENT_VERSION = "0.1.0";

/** The compute protocol, as the runtime's connection speaks it. */
export const COMPUTE_PROTOCOL = {
  path: COMPUTE_AGENT_PATH,
  outbound: ZAgentMessage,
  inbound: ZControlMessage,
};

export interface AgentOptions {
  host: string;
  availabilityZone: string;
  /** Reported as the hypervisor's `host_ip`. */
  hostIp: string;
  controlUrl: string;
  token: () => Promise<string>;
  /** The agent keeps its state under `<dataDir>/compute/<host>/`. */
  dataDir: string;
  driver: ComputeDriver;
  /** Already bound to the host (`logger.child({ host })`). */
  logger: Logger;
  powerSyncMs?: number;
  concurrency?: number;
  backoff?: Backoff;
  /** How often guests and host are metered. Default 10 s (`SAMPLE_INTERVAL_MS`). */
  meteringIntervalMs?: number;
  /** Samples kept while the control plane is unreachable. Default: the shipper's. */
  meteringBufferSamples?: number;
  /** The clock samples are stamped with. Default `Date.now`. */
  now?: () => number;
}

export class ComputeAgent {
  readonly reconciler: Reconciler;
  readonly connection: ControlConnection<AgentMessage, ControlMessage>;
  readonly consoles: ConsoleRelay;
  /** Posts samples, keeping them while the control plane is away (`pending`). */
  private readonly metering: AgentMetering;
  private readonly imageCache: ImageCache;
  private readonly log: Logger;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: AgentOptions) {
    this.log = options.logger;
    const base = { controlUrl: options.controlUrl, token: options.token };
    this.imageCache = new ImageCache(join(options.dataDir, "compute", options.host, "images"), (id) =>
      downloadImage(base, id),
    );
    const endpoint = { ...base, imageCache: this.imageCache };
    this.connection = new ControlConnection({
      protocol: COMPUTE_PROTOCOL,
      controlUrl: options.controlUrl,
      token: options.token,
      logger: this.log.child({ component: "connection" }),
      hello: () => this.hello(),
      onMessage: (msg) => this.dispatch(msg),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
    this.consoles = new ConsoleRelay({
      driver: options.driver,
      ...base,
      logger: this.log.child({ component: "consoles" }),
    });
    const now = options.now ?? Date.now;
    this.metering = new AgentMetering({
      ...base,
      host: options.host,
      logger: this.log,
      // Stamped once the counters are in (readSamples), so rates between reads use one clock.
      read: () => readSamples(options.driver, options.host, now, this.log.child({ component: "metering" })),
      ...(options.meteringIntervalMs === undefined ? {} : { intervalMs: options.meteringIntervalMs }),
      ...(options.meteringBufferSamples === undefined ? {} : { capacity: options.meteringBufferSamples }),
    });
    this.reconciler = new Reconciler({
      driver: options.driver,
      endpoint,
      stateDir: join(options.dataDir, "compute", options.host),
      send: (msg) => this.connection.send(msg),
      logger: this.log,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.powerSyncMs === undefined ? {} : { powerSyncMs: options.powerSyncMs }),
    });
  }

  async start(): Promise<void> {
    const swept = await this.imageCache.sweep();
    if (swept > 0) this.log.info({ files: swept }, "removed partial image downloads of a previous run");
    await this.options.driver.init();
    await this.reconciler.start();
    this.connection.start();
    this.metering.start();
    this.log.info({ controlUrl: this.options.controlUrl }, "compute agent started");
  }

  /** Samples waiting to be sent (tests watch it drain). */
  get shipper(): SampleShipper {
    return this.metering.shipper;
  }

  /** Idempotent: a second call waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    // First: its reads need the driver, which closes last.
    await this.metering.stop();
    await this.connection.stop();
    this.consoles.closeAll();
    await this.reconciler.stop();
    await this.options.driver.close();
    this.log.info("compute agent stopped; guests left running");
  }

  private dispatch(msg: ControlMessage): void {
    if (msg.type === "desired") this.reconciler.onDesired(msg);
    else if (msg.type === "rpc") {
      const deps = { driver: this.options.driver, consoles: this.consoles };
      void answerRpc(deps, msg).then((answer) => this.connection.send(answer));
    }
  }

  private async hello(): Promise<z.infer<typeof ZHello>> {
    const { cpuInfo, ...totals } = await this.options.driver.hostResources();
    const resources = ZHostResources.parse({
      ...totals,
      hypervisorHostname: this.options.host,
      hostIp: this.options.hostIp,
      cpuInfo,
    });
    return ZHello.parse({
      type: "hello",
      protocol: COMPUTE_PROTOCOL_VERSION,
      host: this.options.host,
      agentVersion: AGENT_VERSION,
      availabilityZone: this.options.availabilityZone,
      resources,
      instances: await this.reconciler.actualInstances(),
    });
  }
}
