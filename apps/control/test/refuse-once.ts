import type { PrismaClient } from "@zenith/db/client";

/**
 * A database that refuses one write, once, as a transaction that timed out
 * under load would: a trigger on `table` raises on the first update of a
 * marked row for which `changed` (SQL over NEW and OLD, with `r.what` the
 * mark's kind) holds. Rows are marked by id, or by `name` where the table
 * has one. PGlite and PostgreSQL alike (plpgsql).
 */
export async function installRefuseOnce(
  prisma: PrismaClient,
  table: string,
  opts: { changed: string; byName?: boolean },
): Promise<RefuseOnce> {
  const matches = opts.byName ? "r.id IN (NEW.id, NEW.name)" : "r.id = NEW.id";
  for (const sql of [
    "CREATE SEQUENCE test_refusals",
    "CREATE TABLE test_refused (id text NOT NULL, what text NOT NULL)",
    `CREATE FUNCTION test_refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM test_refused r WHERE ${matches} AND (${opts.changed})) THEN
         IF nextval('test_refusals') = 1 THEN
           RAISE EXCEPTION 'the database refuses this change once (test)';
         END IF;
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER test_refuse_once BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_refuse_once()`,
  ]) {
    await prisma.$executeRawUnsafe(sql);
  }
  return {
    async mark(idOrName, what = "") {
      await prisma.$executeRawUnsafe("DELETE FROM test_refused");
      await prisma.$executeRawUnsafe("ALTER SEQUENCE test_refusals RESTART");
      await prisma.$executeRawUnsafe("INSERT INTO test_refused (id, what) VALUES ($1, $2)", idOrName, what);
    },
    async refused() {
      const rows = await prisma.$queryRawUnsafe<{ is_called: boolean }[]>(
        "SELECT is_called FROM test_refusals",
      );
      return rows[0]?.is_called === true;
    },
  };
}

export interface RefuseOnce {
  /** The next matching change of this row (by id or name) fails, once; earlier marks are dropped. */
  mark(idOrName: string, what?: string): Promise<void>;
  /** Whether the database has refused the marked change yet. */
  refused(): Promise<boolean>;
}
