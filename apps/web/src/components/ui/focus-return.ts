/**
 * What focus should return to when a dialog closes, given the element that
 * had focus when it opened. A dialog opened from a menu item must return to
 * the menu's button: the item itself disappears with the menu. Radix menu
 * buttons point at their open menu with `aria-controls`.
 */
export function openerOf(active: Element | null): HTMLElement | null {
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const menu = active.closest<HTMLElement>("[role=menu]");
  if (menu?.id) {
    const button = document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
    if (button) return button;
  }
  return active;
}
