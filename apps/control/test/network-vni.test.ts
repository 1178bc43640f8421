import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, startTestControl, type TestControl } from "./harness.ts";

describe("VXLAN segment allocation from the configured range", () => {
  let cp: TestControl;
  let token = "";
  beforeAll(async () => {
    cp = await startTestControl(
      { label: "PGlite", databaseUrl: "memory://", reset: async () => {} },
      { vniRange: { min: 5000, max: 5002 } },
    );
    token = await cp.login("admin", ADMIN_PASSWORD, { project: "admin" });
  });
  afterAll(async () => {
    await cp?.close();
  });

  const create = (network: Record<string, unknown> = {}) =>
    cp.request("POST", "/networking/v2.0/networks", { token, body: { network } });

  it("hands out the lowest free VNI of the range, reuses freed ones, and says when none is left", async () => {
    const vnis = [];
    for (let i = 0; i < 3; i++) vnis.push((await create()).body.network);
    expect(vnis.map((n) => n["provider:segmentation_id"])).toEqual([5000, 5001, 5002]);
    // An explicit VNI outside the range is an admin's to give and does not count against it.
    expect((await create({ "provider:segmentation_id": 9 })).status).toBe(201);
    const none = await create();
    expect(none.status).toBe(503);
    expect(none.body.NeutronError.type).toBe("NoNetworkAvailable");
    expect((await cp.request("DELETE", `/networking/v2.0/networks/${vnis[1].id}`, { token })).status).toBe(
      204,
    );
    expect((await create()).body.network["provider:segmentation_id"]).toBe(5001);
    // Flat and local networks need no VNI.
    expect((await create({ "provider:network_type": "local" })).status).toBe(201);
  });
});
