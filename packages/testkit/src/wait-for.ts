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

export interface PollOptions {
  /** A safety net only; default 90 s (suites with real guests wait long). */
  timeoutMs?: number;
  intervalMs?: number;
  /** What to show of the last state when the wait times out. */
  last?: () => unknown;
}

/** Polls `probe` until it returns something other than undefined/false, and resolves with that value. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  opts: PollOptions = {},
): Promise<Exclude<T, false>> {
  const until = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, false>;
    if (Date.now() > until) {
      const last = opts.last ? ` (last seen: ${JSON.stringify(await opts.last())})` : "";
      throw new Error(`timed out waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 250));
  }
}
