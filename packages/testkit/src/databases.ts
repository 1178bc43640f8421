import { createTestDatabase, testPgUrl } from "@zenith/db/testing";

export interface TestDatabase {
  label: string;
  /** Creates the database (a fresh, uniquely named one on PostgreSQL); `drop` removes it. */
  create(name: string): Promise<{ databaseUrl: string; drop(): Promise<void> }>;
}

/**
 * The databases a suite should run on: in-memory PGlite always, and the
 * PostgreSQL test server too when the test script started one
 * (ZENITH_TEST_PG_URL; `npm test` always does).
 */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [
    { label: "PGlite", create: async () => ({ databaseUrl: "memory://", drop: async () => {} }) },
  ];
  const base = testPgUrl();
  if (base) {
    databases.push({
      label: "PostgreSQL",
      create: async (name) => {
        const db = await createTestDatabase(base, name);
        return { databaseUrl: db.url, drop: db.drop };
      },
    });
  }
  return databases;
}
