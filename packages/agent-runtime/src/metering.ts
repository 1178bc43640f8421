/**
 * Metering on the agent side: a sampler reads the driver's counters every
 * interval and a shipper posts them to the control plane in batches. The
 * shipper's buffer is bounded: while the control plane is unreachable it
 * keeps the newest `capacity` samples (dropping the oldest, counted in the
 * log) and sends what it kept, oldest first, once it answers again.
 */

import {
  AGENT_SAMPLES_PATH,
  MAX_SAMPLES_PER_BATCH,
  SAMPLE_INTERVAL_MS,
  type Sample,
  ZSampleBatchResult,
} from "@zenith/agent-protocol/metering";
import type { Logger } from "@zenith/core/logger";
import { HttpError, postJson } from "./http-client.ts";

export interface SampleShipperOptions {
  controlUrl: string;
  host: string;
  /** Read on every post, so a rotated credential is picked up. */
  token: () => Promise<string>;
  logger: Logger;
  /** Samples kept while the control plane is unreachable: 30 min of a 200-guest host by default. */
  capacity?: number;
  batchSize?: number;
}

export class SampleShipper {
  private buffer: Sample[] = [];
  private dropped = 0;
  private sending: Promise<void> | null = null;
  private readonly capacity: number;
  private readonly batchSize: number;

  constructor(private readonly options: SampleShipperOptions) {
    this.capacity = options.capacity ?? 400_000;
    this.batchSize = Math.min(options.batchSize ?? 5_000, MAX_SAMPLES_PER_BATCH);
  }

  /** Samples waiting to be sent. */
  get pending(): number {
    return this.buffer.length;
  }

  push(samples: readonly Sample[]): void {
    for (const sample of samples) this.buffer.push(sample);
    const excess = this.buffer.length - this.capacity;
    if (excess > 0) {
      // Oldest first out: recent data matters most when the control plane comes back.
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
  }

  /**
   * Sends everything buffered, batch by batch; stops at the first failure
   * and keeps the rest for the next call. A batch the control plane refuses
   * as invalid (4xx other than 401/403/429) is dropped: resending it
   * would fail forever and block what follows.
   */
  flush(): Promise<void> {
    this.sending ??= this.sendAll().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async sendAll(): Promise<void> {
    const log = this.options.logger;
    if (this.dropped > 0) {
      log.warn({ dropped: this.dropped }, "metering buffer full: oldest samples dropped");
      this.dropped = 0;
    }
    const url = new URL(AGENT_SAMPLES_PATH, this.options.controlUrl);
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        const answer = ZSampleBatchResult.parse(
          await postJson(url, await this.options.token(), { host: this.options.host, samples: batch }),
        );
        if (answer.rejected > 0) log.debug(answer, "metering samples partly rejected");
      } catch (err) {
        const status = err instanceof HttpError ? err.status : 0;
        if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) {
          log.error({ err: String(err), size: batch.length }, "metering batch refused; dropped");
        } else {
          log.debug({ err: String(err), pending: this.buffer.length }, "metering samples kept for later");
          return;
        }
      }
      // Only now: samples pushed meanwhile went to the end, and a drop may have shifted the head.
      this.buffer.splice(0, Math.min(batch.length, this.buffer.length));
    }
  }
}

export interface SamplerOptions {
  shipper: SampleShipper;
  logger: Logger;
  /** Reads the counters of everything the agent runs; the clock is the caller's. */
  read: () => Promise<Sample[]>;
  intervalMs?: number;
}

/** Reads and ships every interval until stopped; one failed read is logged and the next one tried. */
export class Sampler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: SamplerOptions) {}

  start(): void {
    if (this.timer) return;
    const interval = this.options.intervalMs ?? SAMPLE_INTERVAL_MS;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One read and one flush; a tick still running when the next is due is not doubled. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        this.options.shipper.push(await this.options.read());
      } catch (err) {
        this.options.logger.warn({ err: String(err) }, "metering read failed");
      }
      await this.options.shipper.flush();
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
