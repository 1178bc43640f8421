import { sleep } from "../../abortable-sleep.ts";

/**
 * A poll timer that a change notice cuts short. Notices that arrive while
 * the poller is busy are remembered (the next wait returns at once), and a
 * burst of notices (a procedure that creates a port, then attaches it) is
 * coalesced into one re-read by waiting `coalesceMs` after the first.
 */
export class Wakeup {
  /** When the first notice since the last wait arrived (performance.now()), if any did. */
  #notifiedAt: number | undefined;
  #wake: (() => void) | undefined;

  notify(): void {
    this.#notifiedAt ??= performance.now();
    this.#wake?.();
  }

  /**
   * Returns when the caller should read again: the time of the first notice
   * that cut the wait short, or the time the interval ran out. A read that
   * started at or after it is as fresh as one the caller would start now.
   */
  async wait(intervalMs: number, coalesceMs: number, signal: AbortSignal | undefined): Promise<number> {
    if (this.#notifiedAt === undefined) {
      await sleep(intervalMs, signal, (wake) => {
        this.#wake = wake;
      });
      this.#wake = undefined;
    }
    const wantedAt = this.#notifiedAt ?? performance.now();
    if (this.#notifiedAt !== undefined && coalesceMs > 0) await sleep(coalesceMs, signal);
    this.#notifiedAt = undefined;
    return wantedAt;
  }
}
