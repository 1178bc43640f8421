import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogRegions, findEndpoint } from "../src/catalog.ts";
import { ZTokenResponse } from "../src/keystone/schemas.ts";

const token = ZTokenResponse.parse(
  JSON.parse(
    readFileSync(new URL("./fixtures/auth-password-project-scoped-response.json", import.meta.url), "utf8"),
  ),
).token;
const catalog = token.catalog ?? [];

describe("findEndpoint", () => {
  it("finds by type and interface, public by default", () => {
    expect(findEndpoint(catalog, { type: "identity" })).toBe("http://example.com/identity/v2.0");
    expect(findEndpoint(catalog, { type: "identity", interface: "admin" })).toBe(
      "http://example.com/identity_v2_admin/v2.0",
    );
  });
  it("filters by region and returns undefined when absent", () => {
    expect(findEndpoint(catalog, { type: "identity", region: "RegionOne" })).toBe(
      "http://example.com/identity/v2.0",
    );
    expect(findEndpoint(catalog, { type: "identity", region: "Nowhere" })).toBeUndefined();
    expect(findEndpoint(catalog, { type: "no-such-service" })).toBeUndefined();
  });
  it("lists regions", () => {
    expect(catalogRegions(catalog)).toEqual(["RegionOne"]);
  });
});
