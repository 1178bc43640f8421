import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../menu-items-testing";
import { type NetworkMenuAction, networkMenuItems } from "./network-menu-items";

const t = englishIn("network.networks");

describe("networkMenuItems", () => {
  it("offers edit and delete on a network the reader may change", () => {
    const { opened, open } = recorder<NetworkMenuAction>();
    const items = networkMenuItems(t, open, { canChange: true });
    expect(menuSummary(items)).toEqual([
      { key: "edit", label: "Edit", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["edit", "delete"]);
  });

  it("offers nothing on another project's shared or external network", () => {
    expect(networkMenuItems(t, () => {}, { canChange: false })).toEqual([]);
  });
});
