import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../menu-items-testing";
import { type FloatingIpMenuAction, floatingIpMenuItems } from "./floating-ip-menu-items";

const t = englishIn("network.floatingIps");

describe("floatingIpMenuItems", () => {
  it("a free floating IP can be associated, not disassociated", () => {
    expect(menuSummary(floatingIpMenuItems(t, { portId: null }, () => {}))).toEqual([
      { key: "associate", label: "Associate", reason: null },
      { key: "disassociate", label: "Disassociate", reason: "It is not associated with anything." },
      { key: "release", label: "Release", reason: null, danger: true },
    ]);
  });

  it("an associated one can be disassociated, not associated again", () => {
    const items = menuSummary(floatingIpMenuItems(t, { portId: "p1" }, () => {}));
    expect(items.map((i) => [i.key, i.reason])).toEqual([
      ["associate", "It is associated already: disassociate it first."],
      ["disassociate", null],
      ["release", null],
    ]);
  });

  it("each item opens its own action", () => {
    const { opened, open } = recorder<FloatingIpMenuAction>();
    for (const item of floatingIpMenuItems(t, { portId: "p1" }, open)) item.onSelect();
    expect(opened).toEqual(["associate", "disassociate", "release"]);
  });
});
