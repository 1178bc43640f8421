import type { Logger } from "@zenith/core/logger";

/**
 * Jobs run one after another, in the order given: a hub publishes desired
 * state through one chain so an agent never sees an older state after a
 * newer one. A failed job is logged and does not stop the ones after it.
 */
export class SerialChain {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly logger: Logger,
    private readonly failureMessage: string,
  ) {}

  enqueue(job: () => Promise<void>): void {
    this.queued += 1;
    this.tail = this.tail
      .then(job)
      .catch((err: unknown) => this.logger.error({ err }, this.failureMessage))
      .finally(() => {
        this.queued -= 1;
      });
  }

  /** Jobs queued and not yet finished, the running one included (health metrics). */
  get pending(): number {
    return this.queued;
  }

  /** Resolves once every job queued so far, and any they queue, has run (tests, shutdown). */
  async idle(): Promise<void> {
    let seen: Promise<void> | null = null;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }
}
