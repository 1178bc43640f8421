import { describe, expect, it } from "vitest";
import { DEFAULT_STATEMENT_TIMEOUT_MS, openDatabase } from "../src/client.ts";
import { databaseTargetsForTests } from "./targets.ts";

for (const target of databaseTargetsForTests()) {
  describe(`statement timeout on ${target.label}`, () => {
    it("every connection (raw, pinned sessions, Prisma) carries the configured timeout", async () => {
      const opened = await target.open();
      const db = await openDatabase(opened.target, { statementTimeoutMs: 1500 });
      try {
        const raw = await db.raw.query<{ statement_timeout: string }>("SHOW statement_timeout");
        expect(raw[0]?.statement_timeout).toBe("1500ms");
        const pinned = await db.raw.session((conn) =>
          conn.query<{ statement_timeout: string }>("SHOW statement_timeout"),
        );
        expect(pinned[0]?.statement_timeout).toBe("1500ms");
        const viaPrisma =
          await db.prisma.$queryRawUnsafe<Array<{ statement_timeout: string }>>("SHOW statement_timeout");
        expect(viaPrisma[0]?.statement_timeout).toBe("1500ms");
      } finally {
        await db.close();
        await opened.cleanup();
      }
    });

    it("defaults to a bounded timeout", async () => {
      const opened = await target.open();
      const db = await openDatabase(opened.target);
      try {
        const rows = await db.raw.query<{ statement_timeout: string }>("SHOW statement_timeout");
        expect(rows[0]?.statement_timeout).toBe(`${DEFAULT_STATEMENT_TIMEOUT_MS / 1000}s`);
      } finally {
        await db.close();
        await opened.cleanup();
      }
    });

    // Registered for PostgreSQL only, not skipped elsewhere: PGlite's WebAssembly backend has no
    // timer signal to cancel a statement (verified: SELECT pg_sleep(3) returns after 3 s with a
    // 500 ms timeout), so there the bounded caller patterns are the protection.
    if (target.label !== "PostgreSQL") return;
    it("a statement running longer is cancelled (PostgreSQL; PGlite cannot cancel one)", async () => {
      const opened = await target.open();
      const db = await openDatabase(opened.target, { statementTimeoutMs: 200 });
      try {
        await expect(db.raw.query("SELECT pg_sleep(30)")).rejects.toMatchObject({ code: "57014" });
        await expect(db.prisma.$queryRawUnsafe("SELECT pg_sleep(30)")).rejects.toThrow(/statement timeout/);
        // The connection is still usable afterwards.
        expect(await db.raw.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
        await opened.cleanup();
      }
    });
  });
}
