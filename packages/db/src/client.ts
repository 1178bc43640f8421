import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";

import { type Listener, listenPglite, listenPostgres, type NoticeHandlers } from "./notices.ts";

export { Prisma, PrismaClient } from "./generated/client.ts";
export type { Listener, NoticeHandlers, StopListening } from "./notices.ts";

/**
 * PostgreSQL's default 128 MB of shared buffers live inside PGlite's WASM heap
 * and stay resident once touched (WASM memory never shrinks), which made the
 * embedded database most of the idle control plane's memory. PGlite reads its
 * files through the host's page cache anyway, so 16 MB costs little speed
 * (bench/memory.mjs and bench/compute.mjs measure both).
 */
const PGLITE_OPTIONS = {
  startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "work_mem=2MB"],
};

/** Where the control plane keeps its data: embedded PGlite or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" }
  | { kind: "postgres"; url: string };

/** Raw SQL access used by migrations and health checks (not by services). */
export interface RawSql {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one pinned connection (for session locks and transactions). */
  session<T>(fn: (conn: RawSql) => Promise<T>): Promise<T>;
}

export interface Database {
  readonly kind: DatabaseTarget["kind"];
  readonly prisma: PrismaClient;
  readonly raw: RawSql;
  /** Hears NOTIFYs on `channel` (sent by the database's triggers) until the listener is stopped. */
  listen(channel: string, on: NoticeHandlers): Promise<Listener>;
  /**
   * The connection pool as it is now (health metrics), or null where there
   * is no pool: PGlite is one in-process connection whose query queue is a
   * private mutex with no count to read.
   */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

/** A PostgreSQL connection pool's state (node-postgres's counts). */
export interface PoolStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection because all `max` are busy. */
  waiting: number;
  max: number;
}

/**
 * Chooses the target from the environment values the caller parsed:
 * a `postgresql://` URL wins; otherwise PGlite in `<dataDir>/pg`.
 */
export function resolveTarget(opts: { databaseUrl?: string | undefined; dataDir: string }): DatabaseTarget {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    return { kind: "postgres", url: opts.databaseUrl };
  }
  if (opts.databaseUrl === "memory://") return { kind: "pglite-memory" };
  return { kind: "pglite", dataDir: resolve(opts.dataDir, "pg") };
}

export interface OpenOptions {
  /**
   * Longest a single statement may run (ms) before the server cancels it,
   * so no request can hold a connection forever. PGlite accepts the setting
   * but cannot enforce it (its WebAssembly backend has no timer signals):
   * there, bounded inputs (e.g. filter patterns) are what keeps work small.
   */
  statementTimeoutMs?: number;
  /**
   * Told when the server ends an idle pooled connection (a restart, an
   * administrator's `pg_terminate_backend`, a dropped network): the pool
   * discards that connection and opens another on the next query.
   */
  onIdleConnectionError?: (err: Error) => void;
}

/** Default statement timeout: far above any request's need, far below "forever". */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export async function openDatabase(target: DatabaseTarget, opts: OpenOptions = {}): Promise<Database> {
  const statementTimeout = Math.max(1, Math.round(opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
  if (target.kind === "postgres") {
    const poolMax = 10;
    // Sent as a startup parameter, so every pooled connection has it from its first statement.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: poolMax,
      statement_timeout: statementTimeout,
    });
    // node-postgres re-emits an idle client's error on the pool; unhandled, it
    // would crash the process (a PostgreSQL restart must not take the control plane down).
    pool.on("error", (err) => opts.onIdleConnectionError?.(err));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const onClient = (client: pg.Pool | pg.PoolClient): RawSql => ({
      async exec(sql) {
        await client.query(sql);
      },
      async query(sql, params) {
        const res = await client.query(sql, params);
        return res.rows;
      },
      async session(fn) {
        if (client !== pool) return fn(onClient(client));
        const conn = await pool.connect();
        try {
          return await fn(onClient(conn));
        } finally {
          conn.release();
        }
      },
    });
    const raw = onClient(pool);
    return {
      kind: "postgres",
      prisma,
      raw,
      listen: (channel, on) => listenPostgres(target.url, channel, on),
      poolStats: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: poolMax,
      }),
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  let pglite: PGlite;
  if (target.kind === "pglite") {
    mkdirSync(target.dataDir, { recursive: true });
    pglite = await PGlite.create(target.dataDir, PGLITE_OPTIONS);
  } else {
    pglite = await PGlite.create(PGLITE_OPTIONS);
  }
  await pglite.exec(`SET statement_timeout = ${statementTimeout}`);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const raw: RawSql = {
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query(sql, params) {
      const res = await pglite.query(sql, params);
      return res.rows as never[];
    },
    // PGlite is a single connection already.
    session(fn) {
      return fn(raw);
    },
  };
  return {
    kind: target.kind,
    prisma,
    raw,
    listen: (channel, on) => listenPglite(pglite, channel, on),
    poolStats: () => null,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
