import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import type { StartControlOptions } from "../src/server.ts";
import { startTestControl, type TestControl } from "./harness.ts";

export { networkTargets } from "./network-harness.ts";

/**
 * A control plane on a database of its own (a fresh PostgreSQL database
 * when the target is PostgreSQL): the harness's reset of the shared test
 * database would wipe the data of files running in parallel.
 */
export async function startOwnDatabase(
  target: { label: string; pg: boolean },
  label: string,
  opts: Partial<StartControlOptions> = {},
): Promise<{ cp: TestControl; drop: (() => Promise<void>) | undefined }> {
  const pgUrl = testPgUrl();
  if (target.pg && pgUrl) {
    const db = await createTestDatabase(pgUrl, label);
    const cp = await startTestControl(
      { label: target.label, databaseUrl: db.url, reset: async () => {} },
      opts,
    );
    return { cp, drop: db.drop };
  }
  const cp = await startTestControl(
    { label: target.label, databaseUrl: "memory://", reset: async () => {} },
    opts,
  );
  return { cp, drop: undefined };
}
