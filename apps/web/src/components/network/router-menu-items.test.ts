import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../menu-items-testing";
import { type RouterMenuAction, routerMenuItems } from "./router-menu-items";

const t = englishIn("network.routerMenu");
const gateway = { networkId: "ext" };

describe("routerMenuItems", () => {
  it("a router without gateway or interfaces: set a gateway, not clear one", () => {
    expect(menuSummary(routerMenuItems(t, { gateway: null, interfaceCount: 0 }, () => {}))).toEqual([
      { key: "edit", label: "Edit router", reason: null },
      { key: "gateway", label: "Set gateway", reason: null },
      { key: "clearGateway", label: "Clear gateway", reason: "It has no gateway.", danger: true },
      { key: "delete", label: "Delete router", reason: null, danger: true },
    ]);
  });

  it("a router with a gateway and interfaces: change or clear it; delete waits for the interfaces", () => {
    const items = menuSummary(routerMenuItems(t, { gateway, interfaceCount: 2 }, () => {}));
    expect(items.find((i) => i.key === "gateway")?.label).toBe("Change gateway");
    expect(items.find((i) => i.key === "clearGateway")?.reason).toBeNull();
    expect(items.find((i) => i.key === "delete")?.reason).toBe("Remove its 2 interfaces first.");
  });

  it("the table's view item comes first; each item opens its own action", () => {
    const { opened, open } = recorder<RouterMenuAction | "view">();
    const items = routerMenuItems(t, { gateway, interfaceCount: 0 }, open, () => open("view"));
    expect(items.map((i) => i.key)).toEqual(["view", "edit", "gateway", "clearGateway", "delete"]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["view", "edit", "gateway", "clearGateway", "delete"]);
  });
});
