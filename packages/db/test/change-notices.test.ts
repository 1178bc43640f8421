import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Listener, openDatabase } from "../src/client.ts";
import { migrate } from "../src/migrate.ts";
import { listenerName } from "../src/notices.ts";
import { databaseTargetsForTests } from "./targets.ts";

/** Waits until `heard` has `n` entries (the test's timeout bounds it). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}

for (const target of databaseTargetsForTests()) {
  describe(`change notices on ${target.label}`, () => {
    let db: Database;
    let cleanup: () => Promise<void> = async () => {};
    let listener: Listener | undefined;
    const heard: string[] = [];
    let lost = 0;
    let url = "";
    beforeAll(async () => {
      const opened = await target.open();
      if (opened.target.kind === "postgres") url = opened.target.url;
      cleanup = opened.cleanup;
      db = await openDatabase(opened.target);
      await migrate(db.raw);
      listener = await db.listen("zenith_changes", { notice: (p) => heard.push(p), lost: () => lost++ });
    });
    afterAll(async () => {
      await listener?.stop();
      await db?.close();
      await cleanup();
    });

    it("names the table and the project of a changed row; shared rows go to every project", async () => {
      await db.prisma.network.create({
        data: { id: "n1", projectId: "p1", networkType: "vxlan", segmentationId: 7001 },
      });
      await until(() => heard.length >= 1);
      // An update that changes nothing but updated_at is silent; the next real change is heard next.
      await db.prisma.network.update({ where: { id: "n1" }, data: { name: "" } });
      await db.prisma.network.update({ where: { id: "n1" }, data: { shared: true } });
      await until(() => heard.length >= 2);
      // Made private again: the projects that saw it shared must look again too.
      await db.prisma.network.update({ where: { id: "n1" }, data: { shared: false } });
      await until(() => heard.length >= 3);
      await db.prisma.subnet.create({
        data: { id: "s1", networkId: "n1", projectId: "p1", cidr: "10.9.0.0/24", ipVersion: 4 },
      });
      await until(() => heard.length >= 4);
      await db.prisma.subnet.delete({ where: { id: "s1" } });
      await db.prisma.network.delete({ where: { id: "n1" } });
      await until(() => heard.length >= 6);
      expect(heard).toEqual(["network p1", "network *", "network *", "subnet p1", "subnet p1", "network p1"]);
    });

    it("sync: every notice of a write committed before it has been heard when it resolves", async () => {
      heard.length = 0;
      for (let i = 0; i < 40; i++) {
        await db.prisma.network.create({
          data: { id: `sync${i}`, projectId: "p3", networkType: "vxlan", segmentationId: 7300 + i },
        });
        await listener?.sync();
        expect(heard).toHaveLength(i + 1);
      }
      expect(new Set(heard)).toEqual(new Set(["network p3"]));
    });

    if (target.label === "PostgreSQL") {
      it("a dropped listening connection is reported and re-opened", async () => {
        heard.length = 0;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
            [listenerName("zenith_changes")],
          );
        } finally {
          await admin.end();
        }
        await until(() => lost === 1);
        // Re-opened after a short pause: keep changing until a notice is heard again.
        for (let i = 0; heard.length === 0; i++) {
          await db.prisma.network.create({
            data: { id: `r${i}`, projectId: "p2", networkType: "vxlan", segmentationId: 7100 + i },
          });
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(heard[0]).toBe("network p2");
      });
    }
  });
}
