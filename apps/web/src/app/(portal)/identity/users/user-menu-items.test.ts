import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../../../../components/menu-items-testing";
import { type UserMenuAction, userMenuItems } from "./user-menu-items";

const t = englishIn("identity.users");

describe("userMenuItems", () => {
  it("a disabled user: edit, set password, enable, delete", () => {
    const { opened, open } = recorder<UserMenuAction>();
    const items = userMenuItems(t, { enabled: false }, open);
    expect(menuSummary(items)).toEqual([
      { key: "edit", label: "Edit", reason: null },
      { key: "password", label: "Set password", reason: null },
      { key: "toggle", label: "Enable", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["edit", "password", "toggle", "delete"]);
  });

  it("an enabled user can be disabled; not while the previous change saves", () => {
    const toggle = userMenuItems(t, { enabled: true }, () => {}, { saving: true }).find(
      (i) => i.key === "toggle",
    );
    expect(toggle?.label).toBe("Disable");
    expect(toggle?.disabledReason).toBe("Saving the previous change…");
  });
});
