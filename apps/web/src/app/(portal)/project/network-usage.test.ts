import { describe, expect, it } from "vitest";
import { networkUsageItems } from "./network-usage";

describe("networkUsageItems", () => {
  it("orders the resources and keeps used and limit (-1 unlimited)", () => {
    const items = networkUsageItems({
      floatingIps: { used: 1, limit: -1 },
      networks: { used: 2, limit: 10 },
      routers: { used: 0, limit: 5 },
    });
    expect(items).toEqual([
      { key: "networks", used: 2, limit: 10 },
      { key: "routers", used: 0, limit: 5 },
      { key: "floatingIps", used: 1, limit: -1 },
    ]);
  });

  it("is empty when the cloud reports nothing", () => {
    expect(networkUsageItems({})).toEqual([]);
  });
});
