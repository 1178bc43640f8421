import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RawSql } from "./client.ts";

/** The repository's `prisma/migrations` folder. */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

// Same table and checksum (sha256 of migration.sql) as `prisma migrate deploy`,
// so the native CLI can take over a database that Zenith migrated.
const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so Zenith and `prisma migrate` exclude each other.
const LOCK_KEY = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
}

/**
 * Applies pending migrations in order, each in its own transaction, and
 * refuses to start when an applied migration's file has changed or failed.
 */
export async function migrate(db: RawSql, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const files = readMigrations(dir);
  return db.session((raw) => applyPending(raw, files));
}

async function applyPending(raw: RawSql, files: MigrationFile[]): Promise<MigrateResult> {
  await raw.exec(MIGRATIONS_TABLE);
  await raw.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    const rows = await raw.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    for (const row of done.values()) {
      if (row.finished_at === null) {
        throw new Error(
          `Migration ${row.migration_name} failed earlier and must be resolved by hand (see _prisma_migrations).`,
        );
      }
    }
    const applied: string[] = [];
    for (const file of files) {
      const prev = done.get(file.name);
      if (prev) {
        if (prev.checksum !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await raw.exec("BEGIN");
      try {
        await raw.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, file.checksum, file.name],
        );
        await raw.exec(file.sql);
        await raw.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await raw.exec("COMMIT");
      } catch (err) {
        await raw.exec("ROLLBACK");
        throw new Error(`Migration ${file.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file.name);
    }
    return { applied };
  } finally {
    await raw.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}
