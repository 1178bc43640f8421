import type { DatabaseTarget } from "../src/client.ts";
import { createTestDatabase, testPgUrl } from "../src/testing.ts";

export interface TestTarget {
  label: string;
  /** Creates the target (a fresh database for PostgreSQL) and a cleanup. */
  open(): Promise<{ target: DatabaseTarget; cleanup(): Promise<void> }>;
}

/**
 * PGlite in memory always; a PostgreSQL server too when the test script
 * started one and exported ZENITH_TEST_PG_URL (npm test always does).
 */
export function databaseTargetsForTests(): TestTarget[] {
  const targets: TestTarget[] = [
    { label: "PGlite", open: async () => ({ target: { kind: "pglite-memory" }, cleanup: async () => {} }) },
  ];
  const base = testPgUrl();
  if (base) {
    targets.push({
      label: "PostgreSQL",
      open: async () => {
        const db = await createTestDatabase(base, "db");
        return { target: { kind: "postgres", url: db.url }, cleanup: db.drop };
      },
    });
  }
  return targets;
}
