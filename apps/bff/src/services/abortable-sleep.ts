/**
 * Sleeps `ms`, waking early (and quietly: it resolves, never rejects) when
 * `signal` aborts, so a stream's poll loop ends as soon as its subscriber
 * goes. `onWake` receives the function that ends the sleep early, for
 * pollers that a change notice cuts short (topology/wakeup.ts).
 */
export function sleep(
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
