import { ZenithError } from "@zenith/core/errors";

export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  /** Bound on tracked keys so a flood of distinct names cannot exhaust memory. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Counts failed logins per key (a user name, a client address) in a sliding
 * window, plus the attempts still running: otherwise N guesses sent at once
 * all pass the check before the first one fails. In memory on purpose:
 * small, and a restart forgets only minutes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  /** Attempts admitted by `begin` that have not finished yet, per key. */
  private readonly running = new Map<string, number>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly opts: ThrottleOptions) {
    this.maxKeys = opts.maxKeys ?? 50_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Admits one attempt for the keys (429 when failures plus running attempts
   * use up the allowance) and counts it as running until `finish` is called.
   * Call `recordFailure` before `finish` so the count never dips in between.
   */
  begin(keys: string[]): { finish(): void } {
    this.check(keys);
    for (const key of keys) this.running.set(key, (this.running.get(key) ?? 0) + 1);
    let finished = false;
    return {
      finish: () => {
        if (finished) return;
        finished = true;
        for (const key of keys) {
          const left = (this.running.get(key) ?? 1) - 1;
          if (left > 0) this.running.set(key, left);
          else this.running.delete(key);
        }
      },
    };
  }

  /** Throws 429 with Retry-After when any key has used up its failures (running attempts count as failures). */
  check(keys: string[]): void {
    let retryAfterMs = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      const running = this.running.get(key) ?? 0;
      if (recent.length + running >= this.opts.maxFailures) {
        // While attempts run, the earliest a slot frees up is unknown: say one second.
        const oldest = recent[recent.length + running - this.opts.maxFailures];
        const wait = oldest === undefined ? 1000 : oldest + this.opts.windowMs - this.now();
        retryAfterMs = Math.max(retryAfterMs, wait);
      }
    }
    if (retryAfterMs > 0) {
      throw new ZenithError(
        "TOO_MANY_REQUESTS",
        "Too many failed authentication attempts; try again later.",
        {
          headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
        },
      );
    }
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const recent = this.recent(key);
      recent.push(now);
      this.failures.delete(key);
      if (this.failures.size >= this.maxKeys) {
        const oldest = this.failures.keys().next();
        if (!oldest.done) this.failures.delete(oldest.value);
      }
      this.failures.set(key, recent);
    }
  }

  /** A successful login clears the user's count (not the address's). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const cutoff = this.now() - this.opts.windowMs;
    const kept = list.filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== list.length) this.failures.set(key, kept);
    return kept;
  }
}
