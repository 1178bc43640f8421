import { randomUUID } from "node:crypto";

/** A row of a table the topology draws from changed in `projectId` (null: seen by every project). */
export interface ChangeNotice {
  seq: number;
  table: string;
  projectId: string | null;
}

/** What a reader receives: notices after its cursor, or `reset` when some may be missing. */
export interface ChangeBatch {
  epoch: string;
  /** The cursor to pass next time. */
  latest: number;
  /** Notices were lost (a restart, an overflow, a dropped database listener): read everything again. */
  reset: boolean;
  /** Distinct (table, project) pairs changed after the cursor, oldest first. */
  changes: Array<{ table: string; projectId: string | null }>;
}

/** Which notices a caller may hear (its own project's and the shared ones, or all for a cloud admin). */
export type NoticeFilter = (n: ChangeNotice) => boolean;

const PAYLOAD = /^([a-z_]{1,63}) (\*|[A-Za-z0-9_-]{1,64})$/;
const CAPACITY = 4096;
const MAX_CHANGES = 200;
/** How long an answer waits for the listener's sync at most. */
const SYNC_BOUND_MS = 2_000;

/**
 * The database's change notices (see the `change_notices` migration), kept
 * in a bounded ring so a reader can ask "what changed after my cursor?" and
 * wait for the answer (long polling). Sequence numbers are this process's
 * own: a reader whose epoch differs (the control plane restarted) or whose
 * cursor fell out of the ring is told to re-read everything.
 */
export class ChangeFeed {
  readonly epoch = randomUUID();
  /** Resolves once notices of transactions committed before the call have been recorded. */
  readonly #sync: () => Promise<void>;
  #notices: ChangeNotice[] = [];
  #seq = 0;
  /** Cursors at or below this may have missed notices. */
  #lostUpTo = 0;
  #waiters = new Set<() => void>();
  #closed = false;

  constructor(options: { sync?: () => Promise<void> } = {}) {
    this.#sync = options.sync ?? (async () => {});
  }

  /** A database notice: "<table> <project id>" or "<table> *". Malformed ones are ignored. */
  record(payload: string): void {
    const m = PAYLOAD.exec(payload);
    if (!m?.[1] || !m[2]) return;
    this.#notices.push({ seq: ++this.#seq, table: m[1], projectId: m[2] === "*" ? null : m[2] });
    if (this.#notices.length > CAPACITY) {
      const dropped = this.#notices.splice(0, this.#notices.length - CAPACITY);
      this.#lostUpTo = Math.max(this.#lostUpTo, dropped.at(-1)?.seq ?? 0);
    }
    this.#wake();
  }

  /** Notices may have been missed (the listening connection dropped): every reader re-reads. */
  lose(): void {
    this.#lostUpTo = ++this.#seq;
    this.#wake();
  }

  read(after: number, epoch: string | undefined, visible: NoticeFilter): ChangeBatch {
    const latest = this.#seq;
    if (epoch !== this.epoch || after > latest || after < this.#lostUpTo) {
      return { epoch: this.epoch, latest, reset: true, changes: [] };
    }
    const seen = new Set<string>();
    const changes: ChangeBatch["changes"] = [];
    for (let i = this.#notices.length - 1; i >= 0; i--) {
      const n = this.#notices[i];
      if (!n || n.seq <= after) break;
      if (!visible(n)) continue;
      const key = `${n.table} ${n.projectId ?? "*"}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changes.push({ table: n.table, projectId: n.projectId });
    }
    // Too many distinct changes to list is as good as "everything": re-read.
    if (changes.length > MAX_CHANGES) return { epoch: this.epoch, latest, reset: true, changes: [] };
    return { epoch: this.epoch, latest, reset: false, changes: changes.reverse() };
  }

  /**
   * `read`, but when there is nothing to tell waits up to `waitMs` for a
   * visible notice first (notices the caller may not see do not end the wait).
   * Writes committed before the call are in the answer (the listener is
   * synced first): a reader that has just changed something, or was told of
   * a change, and asks at once is told of it, so a graph cached against a
   * cursor is never declared current across a write it could not yet hear.
   */
  async wait(
    after: number,
    epoch: string | undefined,
    visible: NoticeFilter,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<ChangeBatch> {
    const deadline = Date.now() + waitMs;
    await this.#synced();
    for (;;) {
      const batch = this.read(after, epoch, visible);
      const left = deadline - Date.now();
      if (batch.reset || batch.changes.length > 0 || left <= 0 || this.#closed || signal?.aborted)
        return batch;
      await this.#next(left, signal);
    }
  }

  /**
   * The listener's sync, bounded: a stuck listening connection (its
   * database hung) must not hold every reader; past the bound the answer
   * is what has been heard, as before there was a sync.
   */
  async #synced(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SYNC_BOUND_MS);
    });
    try {
      await Promise.race([this.#sync().catch(() => {}), bound]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends every wait (the control plane is stopping). */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #next(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }
}
