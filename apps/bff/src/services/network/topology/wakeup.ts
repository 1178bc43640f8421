/** Sleeps `ms`, waking early when `signal` aborts or `onWake` receives the wake function's call. */
function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  onWake?: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
    onWake?.(done);
  });
}

/**
 * A poll timer that a change notice cuts short. Notices that arrive while
 * the poller is busy are remembered (the next wait returns at once), and a
 * burst of notices (a procedure that creates a port, then attaches it) is
 * coalesced into one re-read by waiting `coalesceMs` after the first.
 */
export class Wakeup {
  #pending = false;
  #wake: (() => void) | undefined;

  notify(): void {
    this.#pending = true;
    this.#wake?.();
  }

  async wait(intervalMs: number, coalesceMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (!this.#pending) {
      await sleep(intervalMs, signal, (wake) => {
        this.#wake = wake;
      });
      this.#wake = undefined;
    }
    if (this.#pending && coalesceMs > 0) await sleep(coalesceMs, signal);
    this.#pending = false;
  }
}
