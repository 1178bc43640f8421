/**
 * Per-instance serialisation with a global bound: at most one convergence
 * pass per instance at a time, at most `limit` passes in all. Kicks while a
 * pass runs coalesce into one more pass, which reads the latest desired
 * state, so a burst of updates never queues a backlog of stale work.
 */
export class KeyedWorkers {
  private readonly workers = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly work: (key: string) => Promise<void>,
  ) {}

  kick(key: string): void {
    if (this.closed) return;
    const existing = this.workers.get(key);
    if (existing) {
      existing.again = true;
      return;
    }
    const worker = { again: true, done: Promise.resolve() };
    this.workers.set(key, worker);
    worker.done = (async () => {
      while (worker.again && !this.closed) {
        worker.again = false;
        await this.slot(() => this.work(key));
      }
      this.workers.delete(key);
    })();
  }

  busy(key: string): boolean {
    return this.workers.has(key);
  }

  /** Resolves once no pass runs or is queued. */
  async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers.values()].map((w) => w.done));
  }

  /** No new passes; resolves when the running ones have finished (they are never cut mid-step). */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async slot(run: () => Promise<void>): Promise<void> {
    // A finishing pass hands its slot straight to the next waiter, so the bound holds without races.
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      await run();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
