import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** What a listener is told: a notice's payload, or that notices may have been missed. */
export interface NoticeHandlers {
  notice(payload: string): void;
  /** The listening connection dropped (notices sent meanwhile are lost); it is being re-opened. */
  lost(): void;
}

/** Stops listening; resolves once the connection (if any) is closed. */
export type StopListening = () => Promise<void>;

export interface Listener {
  stop: StopListening;
  /**
   * Resolves once every notice of a transaction committed before the call
   * has been handed to `notice` (or `lost` was called): a reader that then
   * asks "what changed?" cannot miss a write it knows was made.
   */
  sync(): Promise<void>;
}

// PostgreSQL channel names are identifiers; ours are fixed strings, but check anyway (they go into SQL text).
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel: ${channel}`);
}

/**
 * PGlite is one session: LISTEN on it hears NOTIFYs from its own (committed)
 * transactions, handed over before the committing query resolves, so there
 * is nothing in flight to wait for.
 */
export async function listenPglite(pglite: PGlite, channel: string, on: NoticeHandlers): Promise<Listener> {
  checkChannel(channel);
  const unlisten = await pglite.listen(channel, (payload) => on.notice(payload));
  return { stop: () => unlisten(), sync: async () => {} };
}

const RETRY_MS = [250, 500, 1000, 2000, 5000] as const;

/** The `application_name` of the connection that listens on `channel`. */
export const listenerName = (channel: string) => `zenith-listen-${channel}`;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to
 * queries and lose the subscription). When it drops (a PostgreSQL restart),
 * `lost` is called and it reconnects with growing pauses until stopped.
 *
 * `sync` is a round trip on the listening connection: a commit signals the
 * listening backends before it returns, and a backend sends the notices it
 * was signalled before answering its next query, in order on the socket.
 */
export async function listenPostgres(url: string, channel: string, on: NoticeHandlers): Promise<Listener> {
  checkChannel(channel);
  let stopped = false;
  let client: pg.Client | undefined;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  async function open(): Promise<void> {
    // Named, so an operator (and the test that cuts it) can tell it from the pool's connections.
    const c = new pg.Client({ connectionString: url, application_name: listenerName(channel) });
    c.on("notification", (msg) => {
      if (msg.channel === channel) on.notice(msg.payload ?? "");
    });
    // A dropped connection emits "error" then "end"; "end" alone decides, an unhandled "error" would crash.
    c.on("error", () => {});
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) return void (await c.end().catch(() => {}));
    c.once("end", () => {
      if (client !== c) return;
      client = undefined;
      if (stopped) return;
      on.lost();
      schedule();
    });
    client = c;
    attempt = 0;
  }

  function schedule(): void {
    if (stopped) return;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 5000;
    attempt++;
    retry = setTimeout(() => open().catch(schedule), delay);
    retry.unref();
  }

  await open();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
    async sync() {
      // No connection (re-opening): `lost` has already told the reader to re-read everything.
      await client?.query("SELECT 1").catch(() => {});
    },
  };
}
