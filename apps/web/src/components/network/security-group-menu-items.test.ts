import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../menu-items-testing";
import { type SecurityGroupMenuAction, securityGroupMenuItems } from "./security-group-menu-items";

const t = englishIn("network.securityGroups");

describe("securityGroupMenuItems", () => {
  it("a group's row: edit and delete", () => {
    expect(menuSummary(securityGroupMenuItems(t, { isDefault: false }, () => {}))).toEqual([
      { key: "edit", label: "Edit", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
  });

  it("the default group cannot be deleted, and says why", () => {
    const del = securityGroupMenuItems(t, { isDefault: true }, () => {}).find((i) => i.key === "delete");
    expect(del?.disabledReason).toMatch(/^The default security group cannot be deleted/);
  });

  it("its page (and the palette) add a rule first", () => {
    const { opened, open } = recorder<SecurityGroupMenuAction>();
    const items = securityGroupMenuItems(t, { isDefault: false }, open, { addRule: true });
    expect(items.map((i) => [i.key, i.label])).toEqual([
      ["addRule", "Add rule"],
      ["edit", "Edit"],
      ["delete", "Delete"],
    ]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["addRule", "edit", "delete"]);
  });
});
