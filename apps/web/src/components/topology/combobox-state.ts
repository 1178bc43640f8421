/** The attribute calls the sync makes, so a test can pass plain objects for elements. */
export interface AttributeTarget {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export interface ListElement extends AttributeTarget {
  querySelector(selector: string): { id: string } | null;
}

/** Sets or removes one attribute, touching the element only when it differs (an observer watches it). */
function put(element: AttributeTarget, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (element.getAttribute(name) !== null) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * Makes a cmdk input tell the truth about a list that comes and goes. cmdk
 * is made for a palette whose list is always shown: its input says
 * `aria-expanded="true"` for good, and the option id it and the list point
 * at is kept from when an option was last chosen, so it goes stale once the
 * options are mounted anew (the list reopened). Closed (no list element), the
 * input is collapsed and points at no option; open, it and the list point at
 * the option cmdk marks selected, which it always keeps right.
 */
export function syncCombobox(input: AttributeTarget, list: ListElement | null): void {
  put(input, "aria-expanded", list ? "true" : "false");
  const active = list?.querySelector('[role="option"][aria-selected="true"]')?.id || undefined;
  put(input, "aria-activedescendant", active);
  if (list) put(list, "aria-activedescendant", active);
}

/** The attributes the sync reads and writes, for a MutationObserver that re-runs it. */
export const COMBOBOX_INPUT_ATTRIBUTES = ["aria-expanded", "aria-activedescendant"];
export const COMBOBOX_LIST_ATTRIBUTES = ["aria-selected", "aria-activedescendant"];
