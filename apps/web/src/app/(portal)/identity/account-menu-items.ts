import { menuItem } from "../../../components/menu-item";
import type { RowMenuItem } from "../../../components/row-menu";

/** The messages projects and users word alike (`identity.projects`, `identity.users`). */
type AccountTexts = (key: "edit" | "enable" | "disable" | "delete" | "saving") => string;
export type AccountAction = "edit" | "toggle" | "delete";

/**
 * A project's or a user's actions, for its row and the command palette:
 * edit, the kind's own one (`own`: members, set password), enable or
 * disable at once (no dialog; it waits while the previous such change is
 * `saving`), delete.
 */
export function accountMenuItems<A extends string>(
  t: AccountTexts,
  enabled: boolean,
  own: { action: A; label: string },
  open: (action: A | AccountAction) => void,
  saving: boolean,
): RowMenuItem[] {
  return [
    menuItem("edit", t("edit"), open),
    menuItem(own.action, own.label, open),
    menuItem("toggle", enabled ? t("disable") : t("enable"), open, { reason: saving ? t("saving") : null }),
    menuItem("delete", t("delete"), open, { danger: true }),
  ];
}
