import type { Database, DatabaseTarget } from "../src/client.ts";

export interface TestTarget {
  label: string;
  target: DatabaseTarget;
  reset?: (db: Database) => Promise<void>;
}

/**
 * PGlite in memory always; a PostgreSQL server too when the test script
 * started one and exported ZENITH_TEST_PG_URL (npm test always does).
 */
export function databaseTargetsForTests(): TestTarget[] {
  const targets: TestTarget[] = [{ label: "PGlite", target: { kind: "pglite-memory" } }];
  const url = process.env.ZENITH_TEST_PG_URL;
  if (url) {
    targets.push({
      label: "PostgreSQL",
      target: { kind: "postgres", url },
      reset: async (db) => {
        await db.raw.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      },
    });
  }
  return targets;
}
