/**
 * A small TTL cache of promises for joins (flavor, image and project names):
 * concurrent lookups of one id share a request, and for a few seconds
 * neighbouring requests (the list, then the updates stream) reuse answers.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { expires: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.prune(now);
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    // Failures are not remembered: the next request asks again.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
