export interface WaitOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Poll interval (ms). */
  intervalMs?: number;
  /** Named in the error when the state is never reached. */
  what?: string;
}

/** Polls until `check` holds: tests wait for a state, never for a fixed time. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  opts: WaitOptions = {},
): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 25, what = "condition" } = opts;
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms`);
}
