import type { KeyboardEvent } from "react";

/**
 * WAI-ARIA menu keys for a menu's keydown: Escape and Tab close it, arrows,
 * Home and End move focus among its `menuitem`s (wrapping around).
 */
export function onMenuKeyDown(
  event: KeyboardEvent<HTMLElement>,
  menu: HTMLElement | null,
  close: () => void,
): void {
  if (event.key === "Escape" || event.key === "Tab") {
    event.preventDefault();
    close();
    return;
  }
  const items = [...(menu?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
  const index = document.activeElement instanceof HTMLElement ? items.indexOf(document.activeElement) : -1;
  let next: number | undefined;
  if (event.key === "ArrowDown") next = (index + 1) % items.length;
  if (event.key === "ArrowUp") next = (index - 1 + items.length) % items.length;
  if (event.key === "Home") next = 0;
  if (event.key === "End") next = items.length - 1;
  if (next === undefined) return;
  event.preventDefault();
  items[next]?.focus();
}
