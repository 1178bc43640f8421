import { describe, expect, it } from "vitest";
import { syncCombobox } from "./combobox-state";

/** An element's attributes as a map, with the calls the sync makes, and a count of writes. */
function fakeElement(initial: Record<string, string> = {}, selectedOption?: string) {
  const attributes = new Map(Object.entries(initial));
  const element = {
    attributes,
    writes: 0,
    getAttribute: (name: string) => attributes.get(name) ?? null,
    setAttribute: (name: string, value: string) => {
      element.writes++;
      attributes.set(name, value);
    },
    removeAttribute: (name: string) => {
      element.writes++;
      attributes.delete(name);
    },
    querySelector: (selector: string) =>
      selector === '[role="option"][aria-selected="true"]' && selectedOption ? { id: selectedOption } : null,
  };
  return element;
}

describe("syncCombobox", () => {
  it("marks the input collapsed and pointing at no option when the list is gone", () => {
    const input = fakeElement({ "aria-expanded": "true", "aria-activedescendant": "opt-1" });
    syncCombobox(input, null);
    expect(input.attributes.get("aria-expanded")).toBe("false");
    expect(input.attributes.has("aria-activedescendant")).toBe(false);
  });

  it("points the input and the list at the selected option, over a stale id", () => {
    const input = fakeElement({ "aria-expanded": "false", "aria-activedescendant": "gone-7" });
    const list = fakeElement({ "aria-activedescendant": "gone-7" }, "opt-3");
    syncCombobox(input, list);
    expect(input.attributes.get("aria-expanded")).toBe("true");
    expect(input.attributes.get("aria-activedescendant")).toBe("opt-3");
    expect(list.attributes.get("aria-activedescendant")).toBe("opt-3");
  });

  it("points at nothing when the shown list has no selected option (no match)", () => {
    const input = fakeElement({ "aria-activedescendant": "opt-2" });
    const list = fakeElement({ "aria-activedescendant": "opt-2" });
    syncCombobox(input, list);
    expect(input.attributes.get("aria-expanded")).toBe("true");
    expect(input.attributes.has("aria-activedescendant")).toBe(false);
    expect(list.attributes.has("aria-activedescendant")).toBe(false);
  });

  it("writes nothing when the attributes already agree (an observer would loop otherwise)", () => {
    const input = fakeElement({ "aria-expanded": "true", "aria-activedescendant": "opt-1" });
    const list = fakeElement({ "aria-activedescendant": "opt-1" }, "opt-1");
    syncCombobox(input, list);
    expect(input.writes + list.writes).toBe(0);
  });
});
