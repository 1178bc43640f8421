import { describe, expect, it } from "vitest";
import { actionHref, withoutActionParams } from "./action-url";

describe("actionHref", () => {
  it("names the action on a resource's own page", () => {
    expect(actionHref("/project/routers/r1", "clearGateway", null)).toBe(
      "/project/routers/r1?action=clearGateway",
    );
  });

  it("names the row on a list page, escaped", () => {
    expect(actionHref("/project/key-pairs", "delete", "my key&1")).toBe(
      "/project/key-pairs?action=delete&id=my+key%261",
    );
  });

  it("keeps the page's own parameters first", () => {
    expect(actionHref("/project/instances/i1", "attachVolume", null, { tab: "volumes" })).toBe(
      "/project/instances/i1?tab=volumes&action=attachVolume",
    );
  });
});

describe("withoutActionParams", () => {
  it("drops the action and its row, keeps the rest", () => {
    expect(withoutActionParams("page=2&action=delete&id=x&q=web")).toBe("page=2&q=web");
  });

  it("leaves nothing when only they were there", () => {
    expect(withoutActionParams("action=edit")).toBe("");
  });
});
