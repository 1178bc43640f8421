/**
 * `GET /zenith/v1/server-counts` (the admin overview's instances by state):
 * the same numbers as Nova's all-projects listing per status, for whoever
 * may make that listing, and for no one else.
 */
import { AGENT_ENROL_PATH, AGENT_JOIN_TOKENS_PATH } from "@zenith/agent-protocol/enrolment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instanceRow } from "./instance-rows.ts";
import { type Caller, NetworkTestCloud, networkTargets } from "./network-harness.ts";

/** (vm_state, task_state, deleted) of the servers seeded below, across two projects. */
const SEEDED: Array<[string, string | null, boolean]> = [
  ["active", null, false],
  ["active", null, false],
  ["active", "rebooting", false],
  ["active", "rebooting_hard", false],
  ["stopped", null, false],
  ["error", null, false],
  ["building", "spawning", false],
  ["active", null, true],
];

for (const target of networkTargets) {
  describe(`GET /zenith/v1/server-counts on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "server_counts");
      const prisma = cloud.cp.running.db.prisma;
      for (const [i, [vmState, taskState, deleted]] of SEEDED.entries()) {
        await prisma.instance.create({
          data: instanceRow({
            name: `count-${i}`,
            projectId: i % 2 === 0 ? cloud.demo.project : cloud.other.project,
            vmState,
            taskState,
            deletedAt: deleted ? new Date() : null,
          }),
        });
      }
    });
    afterAll(async () => {
      await cloud?.close();
    });

    const counts = (who: Caller | null) =>
      cloud.cp.request("GET", "/zenith/v1/server-counts", who ? { token: who.token } : {});

    it("counts every project's servers per status as the all-projects listing shows them", async () => {
      const res = await counts(cloud.admin);
      expect(res.status).toBe(200);
      const got: Array<{ status: string; count: number }> = res.body.server_counts;
      expect(got.map((c) => c.count)).toEqual([...got.map((c) => c.count)].sort((a, b) => b - a));
      // Every status Nova's listing knows, counted both ways.
      for (const status of ["ACTIVE", "REBOOT", "HARD_REBOOT", "SHUTOFF", "ERROR", "BUILD", "DELETED"]) {
        const listed = await cloud.cp.request("GET", `/compute/v2.1/servers?all_tenants=1&status=${status}`, {
          token: cloud.admin.token,
        });
        const expected = listed.body.servers.length;
        expect(got.find((c) => c.status === status)?.count ?? 0, status).toBe(expected);
      }
      expect(got.find((c) => c.status === "ACTIVE")?.count).toBe(2);
      expect(got.reduce((sum, c) => sum + c.count, 0)).toBe(
        SEEDED.filter(([, , deleted]) => !deleted).length,
      );
    });

    it("refuses a domain admin and an unscoped token (403): counting is for cloud admins", async () => {
      for (const { scope, token } of await cloud.domainAdminTokens("dana")) {
        const res = await counts({ token, project: "" });
        expect(res.status, scope).toBe(403);
      }
    });

    it("refuses a compute host's credential (401): agents authenticate elsewhere, never as a user", async () => {
      const join = await cloud.cp.request("POST", AGENT_JOIN_TOKENS_PATH, {
        token: cloud.admin.token,
        body: {},
      });
      expect(join.status).toBe(201);
      const enrolled = await cloud.cp.request("POST", AGENT_ENROL_PATH, {
        headers: { authorization: `Bearer ${join.body.join_token.token}` },
        body: { host: "counts-host" },
      });
      expect(enrolled.status).toBe(201);
      const credential: string = enrolled.body.credential;
      expect((await counts({ token: credential, project: "" })).status).toBe(401);
      const bearer = await cloud.cp.request("GET", "/zenith/v1/server-counts", {
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(bearer.status).toBe(401);
    });

    it("refuses anonymous callers (401) and members, even of a project with servers (403)", async () => {
      expect((await counts(null)).status).toBe(401);
      for (const who of [cloud.demo, cloud.other]) {
        const res = await counts(who);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain("get_all_tenants");
      }
    });
  });
}
