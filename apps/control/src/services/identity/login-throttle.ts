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
 * window. In memory on purpose: small, and a restart forgets only minutes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly opts: ThrottleOptions) {
    this.maxKeys = opts.maxKeys ?? 50_000;
    this.now = opts.now ?? Date.now;
  }

  /** Throws 429 with Retry-After when any key has used up its failures. */
  check(keys: string[]): void {
    let retryAfterMs = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= this.opts.maxFailures) {
        const oldest = recent[recent.length - this.opts.maxFailures] ?? this.now();
        retryAfterMs = Math.max(retryAfterMs, oldest + this.opts.windowMs - this.now());
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
