import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, Prisma } from "../src/client.ts";
import { migrate, readMigrations } from "../src/migrate.ts";
import { databaseTargetsForTests } from "./targets.ts";

for (const target of databaseTargetsForTests()) {
  describe(`migrations on ${target.label}`, () => {
    let db: Database;
    let cleanup: () => Promise<void> = async () => {};
    beforeAll(async () => {
      const opened = await target.open();
      cleanup = opened.cleanup;
      db = await openDatabase(opened.target);
    });
    afterAll(async () => {
      await db?.close();
      await cleanup();
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

    it("has every table and column the Prisma schema declares (migrations match schema.prisma)", async () => {
      // findFirst selects every scalar column by its mapped name, so a model,
      // field or @map missing from the migrations fails here.
      for (const model of Object.values(Prisma.ModelName)) {
        const delegate: unknown = Reflect.get(db.prisma, model.charAt(0).toLowerCase() + model.slice(1));
        const findFirst: unknown = delegate && Reflect.get(delegate, "findFirst");
        expect(typeof findFirst, model).toBe("function");
        if (typeof findFirst === "function") await findFirst.call(delegate);
      }
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
