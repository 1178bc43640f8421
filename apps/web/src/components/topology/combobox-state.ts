/** The attribute calls the sync needs, so a test can pass a plain object for an element. */
export interface AttributeTarget {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export interface AttributeSource {
  getAttribute(name: string): string | null;
}

/**
 * Makes a cmdk input tell the truth about a list that comes and goes: cmdk
 * renders its input as `aria-expanded="true"` for good, made for a palette
 * whose list is always shown. Closed (no list element), the input is not
 * expanded and points at no option; open, it points at the option the list
 * itself marks active (cmdk renders both from the same state, so they agree).
 */
export function syncComboboxExpanded(input: AttributeTarget, list: AttributeSource | null): void {
  input.setAttribute("aria-expanded", list ? "true" : "false");
  const active = list?.getAttribute("aria-activedescendant");
  if (active) input.setAttribute("aria-activedescendant", active);
  else input.removeAttribute("aria-activedescendant");
}
