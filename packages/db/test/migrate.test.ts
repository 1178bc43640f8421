import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/client.ts";
import { migrate, readMigrations } from "../src/migrate.ts";
import { databaseTargetsForTests } from "./targets.ts";

for (const target of databaseTargetsForTests()) {
  describe(`migrations on ${target.label}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase(target.target);
      await target.reset?.(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    it("applies every migration once and records it like prisma migrate", async () => {
      const first = await migrate(db.raw);
      expect(first.applied).toEqual(readMigrations().map((m) => m.name));
      const again = await migrate(db.raw);
      expect(again.applied).toEqual([]);
      const rows = await db.raw.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    });

    it("serves the Prisma client on the migrated schema", async () => {
      const domain = await db.prisma.domain.create({
        data: { id: `d-${Date.now()}`, name: `dom-${Date.now()}` },
      });
      const found = await db.prisma.domain.findUnique({ where: { id: domain.id } });
      expect(found?.name).toBe(domain.name);
    });
  });
}
