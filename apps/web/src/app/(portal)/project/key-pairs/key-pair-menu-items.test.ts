import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../../../../components/menu-items-testing";
import { type KeyPairMenuAction, keyPairMenuItems } from "./key-pair-menu-items";

describe("keyPairMenuItems", () => {
  it("offers delete only, and it opens the delete confirmation", () => {
    const { opened, open } = recorder<KeyPairMenuAction>();
    const items = keyPairMenuItems(englishIn("compute.keyPairs"), open);
    expect(menuSummary(items)).toEqual([{ key: "delete", label: "Delete", reason: null, danger: true }]);
    items[0]?.onSelect();
    expect(opened).toEqual(["delete"]);
  });
});
