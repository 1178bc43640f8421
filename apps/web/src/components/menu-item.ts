import type { RowMenuItem } from "./row-menu";

/**
 * One item of a `*-menu-items.ts` list: keyed by the action it opens
 * (the key `?action=` names), with `reason` when it does not apply now.
 */
export function menuItem<A extends string>(
  action: A,
  label: string,
  open: (action: A) => void,
  { reason = null, danger = false }: { reason?: string | null; danger?: boolean } = {},
): RowMenuItem {
  return {
    key: action,
    label,
    onSelect: () => open(action),
    disabledReason: reason,
    ...(danger ? { danger } : {}),
  };
}
