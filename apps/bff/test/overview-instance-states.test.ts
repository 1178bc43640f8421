import { describe, expect, it } from "vitest";
import { type CountingCloud, instancesByState } from "../src/services/overview/admin-overview.ts";

/** A cloud with servers in these statuses, with or without Zenith's count endpoint; calls are recorded. */
function cloudWith(statuses: string[], zenith: boolean) {
  const listed: string[] = [];
  const cloud: CountingCloud = {
    async changes() {
      if (!zenith) return null;
      return {
        async serverCounts() {
          const counts = new Map<string, number>();
          for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
          return [...counts].map(([status, count]) => ({ status, count }));
        },
      };
    },
    async nova() {
      return {
        servers: {
          async listAll(filter: { allTenants: boolean; status: string }) {
            expect(filter.allTenants).toBe(true);
            listed.push(filter.status);
            return statuses.filter((s) => s === filter.status);
          },
        },
      };
    },
  };
  return { cloud, listed };
}

describe("the admin overview's instances by state", () => {
  const statuses = ["ACTIVE", "ERROR", "ACTIVE", "SHUTOFF", "ACTIVE", "ERROR", "BUILD"];
  const expected = [
    { state: "ACTIVE", count: 3 },
    { state: "ERROR", count: 2 },
    { state: "BUILD", count: 1 },
    { state: "SHUTOFF", count: 1 },
  ];

  it("asks Zenith's control plane once, without listing a server", async () => {
    const { cloud, listed } = cloudWith(statuses, true);
    expect(await instancesByState(cloud)).toEqual(expected);
    expect(listed).toEqual([]);
  });

  it("on another cloud, lists every status Nova knows and counts the same", async () => {
    const { cloud, listed } = cloudWith(statuses, false);
    expect(await instancesByState(cloud)).toEqual(expected);
    expect(listed).toContain("VERIFY_RESIZE");
    expect(listed.length).toBe(19);
  });
});
