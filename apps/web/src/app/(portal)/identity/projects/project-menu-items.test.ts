import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../../../../components/menu-items-testing";
import { type ProjectMenuAction, projectMenuItems } from "./project-menu-items";

const t = englishIn("identity.projects");

describe("projectMenuItems", () => {
  it("an enabled project: edit, members, disable, delete", () => {
    const { opened, open } = recorder<ProjectMenuAction>();
    const items = projectMenuItems(t, { enabled: true }, open);
    expect(menuSummary(items)).toEqual([
      { key: "edit", label: "Edit", reason: null },
      { key: "members", label: "Members", reason: null },
      { key: "toggle", label: "Disable", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["edit", "members", "toggle", "delete"]);
  });

  it("a disabled project can be enabled; not while the previous change saves", () => {
    const toggle = (saving: boolean) =>
      projectMenuItems(t, { enabled: false }, () => {}, { saving }).find((i) => i.key === "toggle");
    expect(toggle(false)?.label).toBe("Enable");
    expect(toggle(false)?.disabledReason).toBeNull();
    expect(toggle(true)?.disabledReason).toBe("Saving the previous change…");
  });
});
