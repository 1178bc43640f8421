import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../../../components/menu-items-testing";
import { projectMenuItems } from "./projects/project-menu-items";
import { userMenuItems } from "./users/user-menu-items";

const tProjects = englishIn("identity.projects");
const tUsers = englishIn("identity.users");

const KINDS = [
  {
    kind: "project",
    items: (enabled: boolean, open: (a: string) => void, saving = false) =>
      projectMenuItems(tProjects, { enabled }, open, { saving }),
    own: { key: "members", label: "Members" },
  },
  {
    kind: "user",
    items: (enabled: boolean, open: (a: string) => void, saving = false) =>
      userMenuItems(tUsers, { enabled }, open, { saving }),
    own: { key: "password", label: "Set password" },
  },
];

describe.each(KINDS)("a $kind's menu", ({ items, own }) => {
  it("edit, its own action, disable (when enabled), delete; each opens its own", () => {
    const { opened, open } = recorder<string>();
    const menu = items(true, open);
    expect(menuSummary(menu)).toEqual([
      { key: "edit", label: "Edit", reason: null },
      { ...own, reason: null },
      { key: "toggle", label: "Disable", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
    for (const item of menu) item.onSelect();
    expect(opened).toEqual(["edit", own.key, "toggle", "delete"]);
  });

  it("a disabled one can be enabled; not while the previous change saves", () => {
    const toggle = (saving: boolean) => items(false, () => {}, saving).find((i) => i.key === "toggle");
    expect(toggle(false)?.label).toBe("Enable");
    expect(toggle(false)?.disabledReason).toBeNull();
    expect(toggle(true)?.disabledReason).toBe("Saving the previous change…");
  });
});
