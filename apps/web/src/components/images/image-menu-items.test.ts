import { describe, expect, it } from "vitest";
import { englishIn, menuSummary, recorder } from "../menu-items-testing";
import { type ImageMenuAction, imageMenuItems } from "./image-menu-items";

const t = englishIn("compute.images");

describe("imageMenuItems", () => {
  it("an active, unprotected image: launch, edit, delete", () => {
    const { opened, open } = recorder<ImageMenuAction>();
    const items = imageMenuItems(t, { status: "active", protected: false }, open);
    expect(menuSummary(items)).toEqual([
      { key: "launch", label: "Launch", reason: null },
      { key: "edit", label: "Edit", reason: null },
      { key: "delete", label: "Delete", reason: null, danger: true },
    ]);
    for (const item of items) item.onSelect();
    expect(opened).toEqual(["launch", "edit", "delete"]);
  });

  it("an image still queued cannot launch; a protected one cannot be deleted", () => {
    const items = menuSummary(imageMenuItems(t, { status: "queued", protected: true }, () => {}));
    expect(items.map((i) => [i.key, i.reason])).toEqual([
      ["launch", "Only an active image can be launched."],
      ["edit", null],
      ["delete", "It is protected: clear “Protected” in Edit first."],
    ]);
  });
});
