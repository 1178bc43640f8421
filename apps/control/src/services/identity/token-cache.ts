import type { AuthContext } from "./auth-context.ts";

interface Entry {
  ctx: AuthContext;
  storedAt: number;
}

/**
 * Validated token contexts kept for a few seconds: validation is on every
 * API call. Any change that can alter a token's meaning (revocation, grants,
 * disabling, password change) calls `invalidateAll`, which also bumps a
 * generation so a validation that raced with the change is not stored.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get(tokenHash: string): AuthContext | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.storedAt > this.ttlMs || entry.ctx.expiresAt.getTime() <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.ctx;
  }

  /** Stores `ctx` unless something was invalidated since `generation` was read. */
  set(tokenHash: string, ctx: AuthContext, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.gen) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { ctx, storedAt: this.now() });
  }

  invalidateAll(): void {
    this.gen += 1;
    this.entries.clear();
  }
}
