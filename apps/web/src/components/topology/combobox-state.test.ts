import { describe, expect, it } from "vitest";
import { syncComboboxExpanded } from "./combobox-state";

/** An element's attributes, as a map, with the three calls the sync makes. */
function fakeElement(initial: Record<string, string> = {}) {
  const attributes = new Map(Object.entries(initial));
  return {
    attributes,
    getAttribute: (name: string) => attributes.get(name) ?? null,
    setAttribute: (name: string, value: string) => void attributes.set(name, value),
    removeAttribute: (name: string) => void attributes.delete(name),
  };
}

describe("syncComboboxExpanded", () => {
  it("marks the input collapsed and pointing at no option when the list is gone", () => {
    const input = fakeElement({ "aria-expanded": "true", "aria-activedescendant": "opt-1" });
    syncComboboxExpanded(input, null);
    expect(input.attributes.get("aria-expanded")).toBe("false");
    expect(input.attributes.has("aria-activedescendant")).toBe(false);
  });

  it("marks it expanded and copies the list's active option when the list is shown", () => {
    const input = fakeElement({ "aria-expanded": "false" });
    syncComboboxExpanded(input, fakeElement({ "aria-activedescendant": "opt-3" }));
    expect(input.attributes.get("aria-expanded")).toBe("true");
    expect(input.attributes.get("aria-activedescendant")).toBe("opt-3");
  });

  it("points at nothing when the shown list has no active option (no match)", () => {
    const input = fakeElement({ "aria-activedescendant": "opt-2" });
    syncComboboxExpanded(input, fakeElement());
    expect(input.attributes.get("aria-expanded")).toBe("true");
    expect(input.attributes.has("aria-activedescendant")).toBe(false);
  });
});
