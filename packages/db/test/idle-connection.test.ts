import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { databaseTargetsForTests } from "./targets.ts";

// PostgreSQL only (PGlite has no server to end connections). A CI run showed
// the failure: tests dropping their database `WITH (FORCE)` ended idle pooled
// connections and node-postgres raised that as an uncaught exception; in
// production a PostgreSQL restart would have crashed the control plane.
for (const target of databaseTargetsForTests()) {
  if (target.label !== "PostgreSQL") continue;
  describe(`idle connections on ${target.label}`, () => {
    it("a connection the server ends while idle is reported, not thrown, and the next query works", async () => {
      const opened = await target.open();
      if (opened.target.kind !== "postgres") throw new Error("expected a PostgreSQL target");
      const errors: Error[] = [];
      const db = await openDatabase(opened.target, { onIdleConnectionError: (err) => errors.push(err) });
      const admin = new pg.Client({ connectionString: opened.target.url });
      try {
        expect(await db.raw.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
        await admin.connect();
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        );
        const deadline = Date.now() + 10_000;
        while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(errors[0]).toMatchObject({ code: "57P01" });
        expect(await db.raw.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
      } finally {
        await admin.end();
        await db.close();
        await opened.cleanup();
      }
    });
  });
}
