/**
 * A short-lived shared reading of host state (all links, all nftables
 * chains): the passes of a resync, which run together, look once instead of
 * once each, and a pass that changes something drops the reading so the
 * next look is fresh. With 100 ports a resync costs a few commands, not
 * hundreds.
 */
export class Snapshot<T> {
  private value: { at: number; data: T } | undefined;
  private inflight: Promise<T> | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs = 1_000,
  ) {}

  async get(fresh = false): Promise<T> {
    const v = this.value;
    if (!fresh && v !== undefined && Date.now() - v.at < this.maxAgeMs) return v.data;
    if (this.inflight !== undefined) return this.inflight;
    const started = Date.now();
    this.inflight = this.read().then(
      (data) => {
        this.value = { at: started, data };
        this.inflight = undefined;
        return data;
      },
      (err: unknown) => {
        this.inflight = undefined;
        throw err;
      },
    );
    return this.inflight;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
