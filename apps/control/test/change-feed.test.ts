import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChangeFeed, type ChangeNotice } from "../src/services/changes/feed.ts";
import { type Caller, NetworkTestCloud, networkTargets } from "./network-harness.ts";

const all = () => true;

describe("change feed", () => {
  it("tells a reader what changed after its cursor, once per table and project", () => {
    const feed = new ChangeFeed();
    const first = feed.read(0, undefined, all);
    expect(first).toMatchObject({ reset: true, latest: 0 });
    feed.record("port p1");
    feed.record("port p1");
    feed.record("network *");
    feed.record("not a notice; DROP TABLE x");
    const batch = feed.read(0, feed.epoch, all);
    expect(batch).toMatchObject({ reset: false, latest: 3 });
    expect(batch.changes).toEqual([
      { table: "port", projectId: "p1" },
      { table: "network", projectId: null },
    ]);
    expect(feed.read(3, feed.epoch, all).changes).toEqual([]);
  });

  it("says reset when notices may be missing: another epoch, a cursor ahead, a lost listener, an overflow", () => {
    const feed = new ChangeFeed();
    feed.record("port p1");
    expect(feed.read(1, "another-epoch", all).reset).toBe(true);
    expect(feed.read(5, feed.epoch, all).reset).toBe(true);
    feed.lose();
    expect(feed.read(1, feed.epoch, all).reset).toBe(true);
    expect(feed.read(2, feed.epoch, all).reset).toBe(false);
    for (let i = 0; i < 5000; i++) feed.record(`port p${i % 3}`);
    expect(feed.read(2, feed.epoch, all).reset).toBe(true);
    expect(feed.read(feed.read(0, feed.epoch, all).latest - 10, feed.epoch, all).reset).toBe(false);
  });

  it("a wait ends on a notice the reader may see, not on others, and on close", async () => {
    const feed = new ChangeFeed();
    const mine = (n: ChangeNotice) => n.projectId === "p1";
    let settled = false;
    const waiting = feed.wait(0, feed.epoch, mine, 60_000).finally(() => {
      settled = true;
    });
    feed.record("port p2");
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    feed.record("router p1");
    const batch = await waiting;
    expect(batch).toMatchObject({ reset: false, latest: 2, changes: [{ table: "router", projectId: "p1" }] });
    const pending = feed.wait(2, feed.epoch, all, 60_000);
    feed.close();
    expect((await pending).changes).toEqual([]);
  });

  it("syncs with the database's listener before it answers: a notice still on its way is in the answer", async () => {
    let syncs = 0;
    const feed: ChangeFeed = new ChangeFeed({
      sync: async () => {
        syncs++;
        // What a round trip on the listening connection flushes: a commit's notice not yet recorded.
        await new Promise((r) => setTimeout(r, 5));
        feed.record("floating_ip p1");
      },
    });
    const batch = await feed.wait(0, feed.epoch, all, 0);
    expect(syncs).toBe(1);
    expect(batch).toMatchObject({
      reset: false,
      latest: 1,
      changes: [{ table: "floating_ip", projectId: "p1" }],
    });
  });

  it("answers without the sync when the listener does not (a hung database connection holds no reader)", async () => {
    vi.useFakeTimers();
    try {
      const feed = new ChangeFeed({ sync: () => new Promise<void>(() => {}) });
      feed.record("router p1");
      const answer = feed.wait(0, feed.epoch, all, 0);
      await vi.advanceTimersByTimeAsync(2_000);
      expect((await answer).changes).toEqual([{ table: "router", projectId: "p1" }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

for (const target of networkTargets) {
  describe(`GET /zenith/v1/changes on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "change_feed");
    });
    afterAll(async () => {
      await cloud?.close();
    });

    interface Batch {
      epoch: string;
      latest: number;
      reset: boolean;
      changes: Array<{ table: string; project_id: string | null }>;
    }
    const changes = async (who: Caller | null, query: string) =>
      cloud.cp.request("GET", `/zenith/v1/changes${query}`, who ? { token: who.token } : {});
    /** The caller's cursor now (a first call always answers reset). */
    const cursorOf = async (who: Caller) => {
      const res = await changes(who, "");
      expect(res.status).toBe(200);
      expect(res.body.reset).toBe(true);
      return `epoch=${res.body.epoch}&after=${res.body.latest}`;
    };
    const poll = async (who: Caller, cursor: string): Promise<Batch> => {
      const res = await changes(who, `?${cursor}&wait=20`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it("refuses anonymous callers and bad cursors in Keystone's error format", async () => {
      expect((await changes(null, "")).status).toBe(401);
      for (const q of ["?wait=26", "?after=-1", "?after=x"]) {
        const res = await changes(cloud.demo, q);
        expect(res.status, q).toBe(400);
        expect(res.body.error.code, q).toBe(400);
      }
    });

    it("refuses a domain admin and an unscoped token: change notices are for a project or the whole cloud", async () => {
      for (const { scope, token } of await cloud.domainAdminTokens("dora")) {
        const res = await changes({ token, project: "" }, "");
        expect(res.status, scope).toBe(403);
        expect(res.body.error.message).toContain("zenith:list_changes");
      }
    });

    it("a waiting member hears its own project's changes and shared ones, never another project's", async () => {
      const demoWait = poll(cloud.demo, await cursorOf(cloud.demo));
      const otherWait = poll(cloud.other, await cursorOf(cloud.other));
      const adminWait = poll(cloud.admin, await cursorOf(cloud.admin));
      await cloud.create(cloud.demo, "network", { name: "feed-demo" });
      const demoBatch = await demoWait;
      expect(demoBatch.reset).toBe(false);
      expect(demoBatch.changes).toContainEqual({ table: "network", project_id: cloud.demo.project });
      // The other member's wait ends only with its own change, and shows nothing of demo's.
      await cloud.create(cloud.other, "network", { name: "feed-other" });
      const otherBatch = await otherWait;
      expect(otherBatch.changes).toContainEqual({ table: "network", project_id: cloud.other.project });
      expect(otherBatch.changes.map((c) => c.project_id)).not.toContain(cloud.demo.project);
      // The cloud admin hears every project (its views span them).
      const adminBatch = await adminWait;
      expect(adminBatch.changes.map((c) => c.project_id)).toContain(cloud.demo.project);

      // A shared network is every project's business.
      const sharedWait = poll(cloud.other, `epoch=${otherBatch.epoch}&after=${otherBatch.latest}`);
      await cloud.create(cloud.admin, "network", { name: "feed-shared", shared: true });
      expect((await sharedWait).changes).toContainEqual({ table: "network", project_id: null });
    });
  });
}
