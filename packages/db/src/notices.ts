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

// PostgreSQL channel names are identifiers; ours are fixed strings, but check anyway (they go into SQL text).
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel: ${channel}`);
}

/** PGlite is one session: LISTEN on it hears NOTIFYs from its own (committed) transactions. */
export async function listenPglite(
  pglite: PGlite,
  channel: string,
  on: NoticeHandlers,
): Promise<StopListening> {
  checkChannel(channel);
  const unlisten = await pglite.listen(channel, (payload) => on.notice(payload));
  return () => unlisten();
}

const RETRY_MS = [250, 500, 1000, 2000, 5000] as const;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to
 * queries and lose the subscription). When it drops (a PostgreSQL restart),
 * `lost` is called and it reconnects with growing pauses until stopped.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  on: NoticeHandlers,
): Promise<StopListening> {
  checkChannel(channel);
  let stopped = false;
  let client: pg.Client | undefined;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  async function open(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
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
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}
