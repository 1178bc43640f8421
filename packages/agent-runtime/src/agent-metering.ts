/**
 * The metering loop of one host agent: a `SampleShipper` posting with the
 * host's credential and a `Sampler` reading the agent's counters, started
 * and stopped with the agent. Every agent kind wires it the same way and
 * only brings its own `read` (what it counts and how it names it).
 */
import { SAMPLE_INTERVAL_MS, type Sample } from "@zenith/agent-protocol/metering";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { Sampler, SampleShipper } from "./metering.ts";

/** Agents extend their environment with this (`ZAgentRuntimeEnv.extend({...ZMeteringEnv.shape})`). */
export const ZMeteringEnv = z.object({
  /** How often counters are read and sent; tests go faster. */
  ZENITH_METERING_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(SAMPLE_INTERVAL_MS),
});
export type MeteringEnv = z.infer<typeof ZMeteringEnv>;

export interface AgentMeteringOptions {
  controlUrl: string;
  host: string;
  token: () => Promise<string>;
  /** Already bound to the host. */
  logger: Logger;
  /** Reads every counter the agent has; `at` is the time the samples carry (Unix ms). */
  read: (at: number) => Promise<Sample[]>;
  intervalMs?: number;
  /** Samples kept while the control plane is unreachable (SampleShipper's default when absent). */
  capacity?: number;
  /** The clock samples are stamped with. Default `Date.now`. */
  now?: () => number;
}

export class AgentMetering {
  readonly shipper: SampleShipper;
  readonly sampler: Sampler;

  constructor(options: AgentMeteringOptions) {
    const logger = options.logger.child({ component: "metering" });
    this.shipper = new SampleShipper({
      controlUrl: options.controlUrl,
      host: options.host,
      token: options.token,
      logger,
      ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
    });
    this.sampler = new Sampler({
      shipper: this.shipper,
      logger,
      read: () => options.read((options.now ?? Date.now)()),
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    });
  }

  /** The first read happens at once, then every interval. */
  start(): void {
    this.sampler.start();
  }

  /** Waits for a read or post under way; what is still buffered is lost with the process. */
  stop(): Promise<void> {
    return this.sampler.stop();
  }
}
